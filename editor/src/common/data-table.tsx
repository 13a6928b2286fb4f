import { Paper, ScrollArea, Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** The dense, calm table every list uses. */
export function DataTable({
  children,
  minWidth = 720,
  ...props
}: { children: ReactNode; minWidth?: number } & TableProps) {
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <ScrollArea type="auto">
        <Table
          miw={minWidth}
          verticalSpacing={8}
          horizontalSpacing="md"
          fz="sm"
          highlightOnHover
          striped={false}
          className="data-table"
          {...props}
        >
          {children}
        </Table>
      </ScrollArea>
    </Paper>
  );
}
