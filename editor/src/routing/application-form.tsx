import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { templateGraph, WORKFLOW_TEMPLATES, type ExampleId } from '../../../workflows';
import { keys, patch, post, put } from '../api/queries';
import type { RoutingApplication } from '../api/types';
import { FormModal, NameInput, useModalForm } from '../common/form-modal';
import { UsedByPanel } from '../common/used-by-list';
import { requiredTextProblem } from '../common/validation';
import { useLanguage } from '../i18n/use-language';

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
  const language = useLanguage();
  const queryClient = useQueryClient();
  /** A new application's draft: empty, or one of the examples (`workflows/examples`) as a template. */
  const [template, setTemplate] = useState<ExampleId | null>(null);
  const chosenTemplate = WORKFLOW_TEMPLATES.find((candidate) => candidate.id === template);
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
    save: async (values) => {
      if (application) return patch<RoutingApplication>(`/api/routing-applications/${application.id}`, values);
      const created = await post<RoutingApplication>('/api/routing-applications', { ...values, clientId });
      if (template !== null)
        await put(`/api/routing-applications/${created.id}/draft`, { graph: templateGraph(template) });
      return created;
    },
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
      {!application && (
        <Select
          label={t('workflowSms.templates.label')}
          description={
            chosenTemplate ? `${chosenTemplate.description[language]} ${t('workflowSms.templates.hint')}` : undefined
          }
          data={[
            { value: '', label: t('workflowSms.templates.empty') },
            ...WORKFLOW_TEMPLATES.map((candidate) => ({ value: candidate.id, label: candidate.name[language] })),
          ]}
          value={template ?? ''}
          onChange={(next) => setTemplate(next ? (next as ExampleId) : null)}
          allowDeselect={false}
          name="template"
          data-testid="application-template"
        />
      )}
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
