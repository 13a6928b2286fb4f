import { Select } from '@mantine/core';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useSendConnectors } from '../../../api/queries';
import { WorkspaceContext } from '../workspace/workspace-context';

/**
 * A choice among the application's client's send connectors; empty stands for the SMS's own (the
 * send connector of the connector it came in on), which is what a node starts with.
 */
export function SendConnectorSelect({
  value,
  onChange,
  common,
}: {
  value: unknown;
  onChange(next: string): void;
  common: {
    label: string;
    'aria-label': string;
    error: string | undefined;
    required: boolean;
    disabled: boolean;
    className: string;
    size: 'xs';
    'data-path': string;
  };
}) {
  const { t } = useTranslation();
  const clientId = useContext(WorkspaceContext)?.application.clientId;
  const connectors = useSendConnectors(clientId).data ?? [];
  const chosen = typeof value === 'string' ? value : '';
  const options = connectors.map((connector) => ({ value: connector.id, label: connector.name }));
  if (chosen !== '' && !options.some((option) => option.value === chosen))
    options.push({ value: chosen, label: t('workflowSms.sendConnector.unknown', { id: chosen.slice(0, 8) }) });
  return (
    <Select
      {...common}
      required={false}
      data={[{ value: '', label: t('workflowSms.sendConnector.receiveConnectors') }, ...options]}
      value={chosen}
      onChange={(next) => onChange(next ?? '')}
      allowDeselect={false}
      nothingFoundMessage={t('workflowSms.sendConnector.none')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
