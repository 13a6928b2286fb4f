import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { keys, patch, post } from '../api/queries';
import type { RoutingApplication } from '../api/types';
import { FormModal, NameInput, useModalForm } from '../common/form-modal';
import { UsedByPanel } from '../common/used-by-list';
import { requiredTextProblem } from '../common/validation';

interface Values {
  name: string;
  fallbackAcdGroupId: string | null;
}

/**
 * A routing application's own settings, its name and where failed runs go: for a new one
 * (`application` undefined) or one that exists (the flow editor's settings).
 */
export function ApplicationFormModal({
  clientId,
  application,
  groups,
  onSaved,
  onClose,
}: {
  clientId: string;
  application?: RoutingApplication;
  /** The client's ACD groups to fall back to. */
  groups: readonly { value: string; label: string }[];
  onSaved(saved: RoutingApplication): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { field, modal } = useModalForm<Values, RoutingApplication>({
    initialValues: { name: application?.name ?? '', fallbackAcdGroupId: application?.fallbackAcdGroupId ?? null },
    // The rule of the server's routingApplicationBody.
    validate: {
      name: (value) =>
        requiredTextProblem(value, 200, {
          empty: t('routingApplications.form.enterName'),
          tooLong: t('routingApplications.form.atMost', { max: 200 }),
        }),
    },
    save: (values) =>
      application
        ? patch<RoutingApplication>(`/api/routing-applications/${application.id}`, values)
        : post<RoutingApplication>('/api/routing-applications', { ...values, clientId }),
    invalidate: [keys.applications(clientId)],
    fields: ['name', 'fallbackAcdGroupId'],
    onSaved: (saved) => {
      queryClient.setQueryData(keys.application(saved.id), saved);
      notifications.show({
        color: 'teal',
        message: application
          ? t('routingApplications.form.saved')
          : t('routingApplications.form.created', { name: saved.name }),
      });
      onSaved(saved);
    },
  });
  return (
    <FormModal
      title={application ? t('routingApplications.form.settingsTitle') : t('routingApplications.form.newTitle')}
      submitLabel={application ? t('routingApplications.form.save') : t('routingApplications.form.create')}
      onClose={onClose}
      {...modal}
    >
      <NameInput placeholder={t('routingApplications.form.namePlaceholder')} {...field('name')} name="name" />
      <Select
        label={t('routingApplications.form.fallback')}
        description={t('routingApplications.form.fallbackHint')}
        placeholder={t('routingApplications.form.none')}
        clearable
        data={groups}
        {...field('fallbackAcdGroupId')}
      />
      {application && <UsedByPanel path={`/api/routing-applications/${application.id}`} />}
    </FormModal>
  );
}
