import { ActionIcon, Group, Menu, Tooltip, type MantineColor } from '@mantine/core';
import { Ellipsis, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import type { ListColumn } from './list-table';

/** The last column of a list: the row's actions, right-aligned, under no header. */
export function actionsColumn<T>(width: number, render: (item: T) => ReactNode): ListColumn<T> {
  return { key: 'actions', header: '', width, cellProps: { ta: 'right' }, render };
}

/** Icon buttons side by side at the end of a row. */
export function RowActions({ children, gap = 2 }: { children: ReactNode; gap?: number }) {
  return (
    <Group gap={gap} justify="flex-end" wrap="nowrap">
      {children}
    </Group>
  );
}

/** An icon button in a row: its word as tooltip, and a name that says which row, for screen readers. */
export function RowAction({
  icon: Icon,
  tooltip,
  label,
  onClick,
  color = 'gray',
}: {
  icon: LucideIcon;
  tooltip: string;
  label: string;
  onClick(): void;
  color?: MantineColor;
}) {
  return (
    <Tooltip label={tooltip}>
      <ActionIcon variant="subtle" color={color} aria-label={label} onClick={onClick}>
        <Icon size={15} />
      </ActionIcon>
    </Tooltip>
  );
}

/** A row's actions behind one button; `children` are the `Menu.Item`s. */
export function RowMenu({
  label,
  icon: Icon = Ellipsis,
  width = 220,
  children,
}: {
  label: string;
  icon?: LucideIcon;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Menu position="bottom-end" shadow="md" width={width}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={label}>
          <Icon size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  );
}
