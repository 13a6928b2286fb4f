import { Button } from '@mantine/core';
import { MapPinOff } from 'lucide-react';
import { Link } from 'react-router';
import { EmptyState } from '../common/page';

export function NotFoundPage() {
  return (
    <EmptyState
      icon={MapPinOff}
      title="This page does not exist"
      action={
        <Button component={Link} to="/traffic">
          Go to Traffic
        </Button>
      }
    >
      The address may be mistyped, or the page was moved.
    </EmptyState>
  );
}
