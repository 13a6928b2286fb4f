import { Badge, createTheme, NumberInput } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, monospace',
  headings: { fontWeight: '600' },
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm' } },
    Tooltip: { defaultProps: { openDelay: 250 } },
    // A number out of range stays as typed, so the form refuses it with the field's message
    // instead of quietly saving the nearest bound (0 s would become 5 s, -5 min one minute).
    NumberInput: NumberInput.extend({ defaultProps: { clampBehavior: 'none' } }),
    Badge: Badge.extend({
      styles: { root: { textTransform: 'none', fontWeight: 600, overflow: 'visible' }, label: { overflow: 'visible' } },
    }),
  },
});
