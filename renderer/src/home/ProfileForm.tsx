/**
 * The local profile: who is labeling, written into every result. Asked for before anything else
 * on first start. A plain form, so the keyboard works as expected: the name has focus, Tab moves,
 * arrow keys pick the role, Enter saves. Each role is explained beside the choice, so a new
 * person knows which one they are.
 */
import { Box, Button, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Profile } from '../../../shared/contract';
import { call } from '../api';
import { errorMessage } from '../notify';

type Role = Profile['role'];
/** Each role in one line: what the person does in Loupe (docs: the product brief's table of roles). */
const ROLES: { value: Role; label: string; does: string }[] = [
  { value: 'annotator', label: 'Annotator', does: 'Opens the task packs a lead sends, labels one task after another with the keyboard, and sends back a results pack. Home shows your own record: tasks done, time, accuracy, feedback.' },
  { value: 'lead', label: 'Lead', does: 'Builds task packs from raw data, splits them across annotators (overlap, gold tasks), imports their results, measures agreement and accuracy, and exports the final dataset. Home shows your projects.' },
  { value: 'reviewer', label: 'Reviewer', does: 'Opens a review pack (a sample of submitted work) and accepts, rejects with a reason, or fixes each item by key, then exports the verdicts for the lead.' },
];

function RoleGuide({ role }: { role: Role }) {
  return (
    <Stack gap={6} data-testid="profile-roles" aria-label="What each role does" role="list">
      {ROLES.map((r) => (
        <Box
          key={r.value}
          role="listitem"
          data-testid={`role-${r.value}`}
          data-chosen={r.value === role || undefined}
          pl="sm"
          style={{ borderLeft: `3px solid ${r.value === role ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)'}` }}
        >
          <Text size="sm" fw={600}>{r.label}{r.value === role ? ' (chosen)' : ''}</Text>
          <Text size="sm" c="dimmed">{r.does}</Text>
        </Box>
      ))}
    </Stack>
  );
}

export interface ProfileFormProps {
  initial: Profile | null;
  onSaved: (profile: Profile) => void;
  onCancel?: () => void;
}

export function ProfileForm({ initial, onSaved, onCancel }: ProfileFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState<Role>(initial?.role ?? 'annotator');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('A name is needed: it is written into the results you export.');
      return;
    }
    setSaving(true);
    try {
      onSaved(await call('profile:save', { name: name.trim(), role }));
    } catch (e) {
      setError(errorMessage(e));
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Your profile">
      <Stack gap="md" maw={480}>
        <div>
          <Title order={1} size="h3">{initial ? 'Edit your profile' : 'Welcome to Loupe'}</Title>
          <Text size="sm" c="dimmed">
            Your name and role stay on this computer and are written into the results you export.
          </Text>
        </div>
        <TextInput
          label="Your name"
          data-testid="profile-name"
          autoFocus
          maxLength={200}
          value={name}
          error={error}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setError(null);
          }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="profile-role-label">Role</Text>
          <SegmentedControl
            aria-labelledby="profile-role-label"
            data-testid="profile-role"
            data={ROLES.map(({ value, label }) => ({ value, label }))}
            value={role}
            onChange={(value) => setRole(value as Role)}
          />
          <Text size="xs" c="dimmed">You can change it later; it decides what Home shows first.</Text>
        </Stack>
        <RoleGuide role={role} />
        <Group gap="xs">
          <Button type="submit" data-testid="profile-save" loading={saving}>
            Save profile
          </Button>
          {onCancel && <Button variant="default" onClick={onCancel}>Cancel</Button>}
        </Group>
      </Stack>
    </form>
  );
}
