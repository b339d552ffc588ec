/**
 * The local profile: who is labeling, written into every result. Asked for before anything else
 * on first start. A plain form, so the keyboard works as expected: the name has focus, Tab moves,
 * arrow keys pick the role, Enter saves.
 */
import { Button, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Profile } from '../../../shared/contract';
import { call } from '../api';
import { errorMessage } from '../notify';

type Role = Profile['role'];
const ROLES: { value: Role; label: string }[] = [
  { value: 'annotator', label: 'Annotator' },
  { value: 'lead', label: 'Lead' },
  { value: 'reviewer', label: 'Reviewer' },
];

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
          <Title order={3}>{initial ? 'Edit your profile' : 'Welcome to Loupe'}</Title>
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
            data={ROLES}
            value={role}
            onChange={(value) => setRole(value as Role)}
          />
        </Stack>
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
