import { Paper, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useClickOutside } from '@mantine/hooks';
import { Search } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nodeTypeCatalog, START_NODE_TYPE } from '../../../../workflows';
import { useLanguage } from '../../i18n/use-language';
import { lookOf, paletteGroups } from './node-catalog';

/** Where a connection was let go on empty canvas: the port it came from and the point, on screen. */
export interface ConnectionDrop {
  from: { source: string; port: string };
  /** The port and its node as the canvas labels them. */
  portLabel: string;
  nodeTitle: string;
  screen: { x: number; y: number };
}

const connectable = nodeTypeCatalog.filter((nodeType) => nodeType.type !== START_NODE_TYPE);

/**
 * The palette, at the point a connection from a port was dropped on empty canvas: the type chosen
 * arrives there, connected from that port. Escape or a click elsewhere closes it.
 */
export function ConnectionDropMenu({
  drop,
  onChoose,
  onClose,
}: {
  drop: ConnectionDrop;
  onChoose(type: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [search, setSearch] = useState('');
  const groups = useMemo(() => paletteGroups(connectable, search, language), [search, language]);
  const ref = useClickOutside<HTMLDivElement>(onClose);
  const first = groups[0]?.nodeTypes[0];

  return (
    <Paper
      ref={ref}
      shadow="md"
      withBorder
      radius="md"
      className="connection-drop-menu nodrag nowheel"
      data-testid="connection-drop-menu"
      role="dialog"
      aria-label={t('flowEditor.connectDrop.title', { port: drop.portLabel, node: drop.nodeTitle })}
      style={{ position: 'fixed', left: drop.screen.x + 8, top: drop.screen.y - 12, width: 240, zIndex: 300 }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <Stack gap={6} p="xs">
        <Text size="xs" c="dimmed">
          {t('flowEditor.connectDrop.title', { port: drop.portLabel, node: drop.nodeTitle })}
        </Text>
        <TextInput
          size="xs"
          autoFocus
          placeholder={t('flowEditor.palette.search')}
          aria-label={t('flowEditor.palette.search')}
          leftSection={<Search size={13} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && first) onChoose(first.type);
          }}
        />
        <ScrollArea.Autosize mah={280} type="auto">
          <Stack gap={8}>
            {groups.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('flowEditor.palette.nothingMatches', { search })}
              </Text>
            )}
            {groups.map(({ category, label, nodeTypes }) => (
              <div key={category}>
                <Text size="10px" fw={700} c="dimmed" tt="uppercase" mb={2}>
                  {label}
                </Text>
                <Stack gap={2}>
                  {nodeTypes.map((nodeType) => {
                    const look = lookOf(nodeType, language);
                    const Icon = look.icon;
                    return (
                      <UnstyledButton
                        key={nodeType.type}
                        className="palette-item"
                        data-type={nodeType.type}
                        title={look.description}
                        onClick={() => onChoose(nodeType.type)}
                        style={{ ['--node-color' as string]: `var(--mantine-color-${look.color}-6)` }}
                      >
                        <span className="palette-icon">
                          <Icon size={14} />
                        </span>
                        <span className="palette-text">
                          <span className="palette-label">{look.label}</span>
                        </span>
                      </UnstyledButton>
                    );
                  })}
                </Stack>
              </div>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Stack>
    </Paper>
  );
}
