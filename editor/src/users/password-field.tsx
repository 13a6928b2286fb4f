import { Button, CopyButton, Group, PasswordInput, type PasswordInputProps } from '@mantine/core';
import { Check, Copy, WandSparkles } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { generatePassword } from '../common/password';

/** A password an admin sets for someone else: typed, or generated and shown so it can be passed on. */
export function NewPasswordField({
  value,
  onChange,
  ...props
}: { value: string; onChange(value: string): void } & Omit<PasswordInputProps, 'value' | 'onChange'>) {
  const [visible, setVisible] = useState(false);
  const { t } = useTranslation();
  return (
    <div>
      <PasswordInput
        {...props}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        visible={visible}
        onVisibilityChange={setVisible}
        autoComplete="new-password"
      />
      <Group gap={6} mt={6}>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<WandSparkles size={13} />}
          onClick={() => {
            onChange(generatePassword());
            setVisible(true);
          }}
        >
          {t('common.password.generate')}
        </Button>
        {value && (
          <CopyButton value={value} timeout={1500}>
            {({ copied, copy }) => (
              <Button
                size="compact-xs"
                variant="subtle"
                color={copied ? 'teal' : 'gray'}
                leftSection={copied ? <Check size={13} /> : <Copy size={13} />}
                onClick={copy}
              >
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        )}
      </Group>
    </div>
  );
}
