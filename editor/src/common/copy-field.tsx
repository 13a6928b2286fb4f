import { ActionIcon, CopyButton, Group, Text, Tooltip, Code } from '@mantine/core';
import { Check, Copy } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** A value to copy (a token, a provider URL), shown whole and monospaced. */
export function CopyField({ label, value, testId }: { label?: string; value: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div>
      {label && (
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
          {label}
        </Text>
      )}
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Code
          block
          style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 12 }}
          data-testid={testId}
        >
          {value}
        </Code>
        <CopyButton value={value} timeout={1500}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
              <ActionIcon
                variant="default"
                size="lg"
                onClick={copy}
                aria-label={t('common.copyValue', { what: label ?? t('common.value') })}
              >
                {copied ? <Check size={16} color="var(--mantine-color-teal-6)" /> : <Copy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </div>
  );
}
