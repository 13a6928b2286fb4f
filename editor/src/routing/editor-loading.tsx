import { useTranslation } from 'react-i18next';
import { FullPageLoading } from '../common/page';

export function EditorLoading() {
  const { t } = useTranslation();
  return <FullPageLoading>{t('flowEditor.page.opening')}</FullPageLoading>;
}
