import { ActionIcon, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { Plus, X } from 'lucide-react';
import { WEEKDAY_KEYS } from './json-schema';

const DAY_NAMES: Record<string, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

type Interval = { from: string; to: string };

/** A week of opening intervals: a row per day, "closed" when it has none. */
export function WeeklyHoursEditor({
  label,
  value,
  onChange,
  path,
  errors,
  readOnly,
}: {
  label: string;
  value: Record<string, Interval[]>;
  onChange(value: Record<string, Interval[]>): void;
  path: string;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const setDay = (day: string, intervals: Interval[]) => onChange({ ...value, [day]: intervals });
  return (
    <div data-testid="weekly-hours">
      <Text size="xs" fw={600} mb={6}>
        {label}
      </Text>
      <Stack gap={4}>
        {WEEKDAY_KEYS.map((day) => {
          const intervals = Array.isArray(value[day]) ? value[day] : [];
          const previous = WEEKDAY_KEYS[WEEKDAY_KEYS.indexOf(day) - 1];
          return (
            <Group key={day} gap={6} wrap="nowrap" align="flex-start" className="weekly-row">
              <Text size="xs" fw={500} w={30} mt={6}>
                {DAY_NAMES[day]}
              </Text>
              <Stack gap={4} style={{ flex: 1 }}>
                {intervals.length === 0 && (
                  <Text size="xs" c="dimmed" mt={6}>
                    Closed
                  </Text>
                )}
                {intervals.map((interval, index) => {
                  const at = `${path}.${day}.${index}`;
                  const error = errors[`${at}.from`] ?? errors[`${at}.to`] ?? errors[at];
                  const set = (patch: Partial<Interval>) =>
                    setDay(
                      day,
                      intervals.map((other, i) => (i === index ? { ...other, ...patch } : other)),
                    );
                  return (
                    <div key={index}>
                      <Group gap={4} wrap="nowrap">
                        <TextInput
                          size="xs"
                          w={66}
                          value={interval.from}
                          onChange={(e) => set({ from: e.currentTarget.value })}
                          aria-label={`${DAY_NAMES[day]} opens`}
                          className="nodrag nokey"
                          disabled={readOnly}
                          error={Boolean(errors[`${at}.from`])}
                          placeholder="08:00"
                        />
                        <Text size="xs" c="dimmed">
                          –
                        </Text>
                        <TextInput
                          size="xs"
                          w={66}
                          value={interval.to}
                          onChange={(e) => set({ to: e.currentTarget.value })}
                          aria-label={`${DAY_NAMES[day]} closes`}
                          className="nodrag nokey"
                          disabled={readOnly}
                          error={Boolean(errors[`${at}.to`])}
                          placeholder="18:00"
                        />
                        {!readOnly && (
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="gray"
                            aria-label="Remove interval"
                            onClick={() =>
                              setDay(
                                day,
                                intervals.filter((_, i) => i !== index),
                              )
                            }
                          >
                            <X size={12} />
                          </ActionIcon>
                        )}
                      </Group>
                      {error && (
                        <Text size="xs" c="red.7">
                          {error}
                        </Text>
                      )}
                    </div>
                  );
                })}
              </Stack>
              {!readOnly && (
                <Group gap={0} wrap="nowrap">
                  <Tooltip label="Add an interval">
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      aria-label={`Add interval on ${DAY_NAMES[day]}`}
                      onClick={() =>
                        setDay(day, [
                          ...intervals,
                          intervals.length ? { from: '13:00', to: '18:00' } : { from: '08:00', to: '18:00' },
                        ])
                      }
                    >
                      <Plus size={13} />
                    </ActionIcon>
                  </Tooltip>
                  {!previous && <span style={{ width: 22, display: 'inline-block' }} />}
                  {previous && (
                    <Tooltip label={`Same as ${DAY_NAMES[previous]}`}>
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color="gray"
                        aria-label={`Copy ${DAY_NAMES[previous]} to ${DAY_NAMES[day]}`}
                        onClick={() =>
                          setDay(day, structuredClone(Array.isArray(value[previous]) ? value[previous] : []))
                        }
                      >
                        <Text size="10px" fw={700}>
                          =
                        </Text>
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              )}
            </Group>
          );
        })}
      </Stack>
    </div>
  );
}
