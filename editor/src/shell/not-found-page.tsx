import { Button } from '@mantine/core';
import { MapPinOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../common/page';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={MapPinOff}
      title={t('shell.notFound.title')}
      action={
        <Button component={Link} to="/traffic">
          {t('shell.notFound.goToTraffic')}
        </Button>
      }
    >
      {t('shell.notFound.text')}
    </EmptyState>
  );
}
