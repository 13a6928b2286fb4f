import { Box, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { Search } from 'lucide-react';
import { useMemo, useState } from 'react';
import { NODE_CATEGORIES, nodeTypeCatalog, START_NODE_TYPE } from '../../../../workflows';
import { CATEGORY_COLORS, CATEGORY_LABELS, iconOf } from './node-catalog';
import { useEditor } from './editor-store';

export const DRAG_MIME = 'application/x-switchboard-node-type';

/** The node types to drag onto the canvas, by category; a click adds one in the middle of the view. */
export function Palette({ onAdd }: { onAdd(type: string): void }) {
  const [search, setSearch] = useState('');
  const readOnly = useEditor((state) => state.readOnly);
  const hasStart = useEditor((state) => state.nodes.some((node) => node.type === START_NODE_TYPE));
  const groups = useMemo(() => {
    const words = search.trim().toLowerCase();
    return NODE_CATEGORIES.map((category) => ({
      category,
      types: nodeTypeCatalog.filter(
        (nodeType) =>
          nodeType.category === category &&
          (words === '' || `${nodeType.label} ${nodeType.description} ${nodeType.type}`.toLowerCase().includes(words)),
      ),
    })).filter((group) => group.types.length > 0);
  }, [search]);

  return (
    <Stack gap={0} h="100%" data-testid="palette">
      <Box p="sm" pb={6}>
        <TextInput
          size="xs"
          placeholder="Search node types"
          leftSection={<Search size={13} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          aria-label="Search node types"
        />
      </Box>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Stack gap={10} p="sm" pt={4}>
          {groups.length === 0 && (
            <Text size="xs" c="dimmed">
              No node type matches “{search}”.
            </Text>
          )}
          {groups.map(({ category, types }) => (
            <div key={category}>
              <Text size="11px" fw={700} c="dimmed" tt="uppercase" mb={4} style={{ letterSpacing: 0.4 }}>
                {CATEGORY_LABELS[category]}
              </Text>
              <Stack gap={4}>
                {types.map((nodeType) => {
                  const Icon = iconOf(nodeType.icon);
                  const disabled = readOnly || (nodeType.type === START_NODE_TYPE && hasStart);
                  return (
                    <UnstyledButton
                      key={nodeType.type}
                      className="palette-item"
                      data-type={nodeType.type}
                      data-disabled={disabled || undefined}
                      draggable={!disabled}
                      title={
                        nodeType.type === START_NODE_TYPE && hasStart
                          ? 'A workflow has exactly one start node'
                          : nodeType.description
                      }
                      onDragStart={(event) => {
                        event.dataTransfer.setData(DRAG_MIME, nodeType.type);
                        event.dataTransfer.setData('text/plain', nodeType.type);
                        event.dataTransfer.effectAllowed = 'move';
                      }}
                      onClick={() => !disabled && onAdd(nodeType.type)}
                      style={{
                        ['--node-color' as string]: `var(--mantine-color-${CATEGORY_COLORS[nodeType.category]}-6)`,
                      }}
                    >
                      <span className="palette-icon">
                        <Icon size={14} />
                      </span>
                      <span className="palette-text">
                        <span className="palette-label">{nodeType.label}</span>
                      </span>
                    </UnstyledButton>
                  );
                })}
              </Stack>
            </div>
          ))}
        </Stack>
      </ScrollArea>
      <Text size="xs" c="dimmed" p="sm" pt={6} className="palette-hint">
        Drag onto the canvas, or click to add.
      </Text>
    </Stack>
  );
}
