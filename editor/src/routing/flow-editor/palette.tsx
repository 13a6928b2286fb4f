import { Box, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { Search } from 'lucide-react';
import { useMemo, useState } from 'react';
import { nodeTypeCatalog, START_NODE_TYPE } from '../../../../workflows';
import { useLanguage } from '../../i18n/use-language';
import { useEditor } from './editor-store';
import { fill, useFlowEditorWords } from './flow-editor-words';
import { lookOf, paletteGroups } from './node-catalog';

export const DRAG_MIME = 'application/x-switchboard-node-type';

/** The node types to drag onto the canvas, by category; a click adds one in the middle of the view. */
export function Palette({ onAdd }: { onAdd(type: string): void }) {
  const [search, setSearch] = useState('');
  const language = useLanguage();
  const words = useFlowEditorWords().palette;
  const readOnly = useEditor((state) => state.readOnly);
  const hasStart = useEditor((state) => state.nodes.some((node) => node.type === START_NODE_TYPE));
  const groups = useMemo(() => paletteGroups(nodeTypeCatalog, search, language), [search, language]);

  return (
    <Stack gap={0} h="100%" data-testid="palette">
      <Box p="sm" pb={6}>
        <TextInput
          size="xs"
          placeholder={words.search}
          leftSection={<Search size={13} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          aria-label={words.search}
        />
      </Box>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Stack gap={10} p="sm" pt={4}>
          {groups.length === 0 && (
            <Text size="xs" c="dimmed">
              {fill(words.nothingMatches, { search })}
            </Text>
          )}
          {groups.map(({ category, label, nodeTypes }) => (
            <div key={category}>
              <Text size="11px" fw={700} c="dimmed" tt="uppercase" mb={4} style={{ letterSpacing: 0.4 }}>
                {label}
              </Text>
              <Stack gap={4}>
                {nodeTypes.map((nodeType) => {
                  const look = lookOf(nodeType, language);
                  const Icon = look.icon;
                  const secondStart = nodeType.type === START_NODE_TYPE && hasStart;
                  const disabled = readOnly || secondStart;
                  return (
                    <UnstyledButton
                      key={nodeType.type}
                      className="palette-item"
                      data-type={nodeType.type}
                      data-disabled={disabled || undefined}
                      draggable={!disabled}
                      title={secondStart ? words.oneStart : look.description}
                      onDragStart={(event) => {
                        event.dataTransfer.setData(DRAG_MIME, nodeType.type);
                        event.dataTransfer.setData('text/plain', nodeType.type);
                        event.dataTransfer.effectAllowed = 'move';
                      }}
                      onClick={() => !disabled && onAdd(nodeType.type)}
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
      </ScrollArea>
      <Text size="xs" c="dimmed" p="sm" pt={6} className="palette-hint">
        {words.hint}
      </Text>
    </Stack>
  );
}
