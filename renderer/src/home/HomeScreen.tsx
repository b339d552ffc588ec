/**
 * Home: who you are, your work, samples to try, and how to open a pack (button, Mod+O, or
 * dropping a file anywhere on the window — see packs/useWindowDrop.ts). Without a profile, the
 * profile form comes first: results need a name.
 *
 * What comes first depends on who is here: a lead's projects; an annotator's own record once there
 * is work to show; for a new person, the sample packs. A lead's "packs" are the ones they opened
 * to work on themselves, never the packs their splits wrote for annotators (packs:recent).
 */
import { ProjectsSection } from '../lead/ProjectsSection';
import { DashboardSection } from './DashboardSection';
import { Alert, Anchor, Box, Button, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { PackSummary, Profile } from '../../../shared/contract';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { useCommandHandlers } from '../keys/commands';
import { errorMessage } from '../notify';
import type { OpenPack } from '../packs/useOpenPack';
import { useDisplaySettings } from '../settings/displaySettings';
import { TextSizeControl } from '../settings/TextSizeControl';
import { ThemeSwitch } from '../settings/ThemeSwitch';
import { KeyHint } from './KeyHint';
import { PackFinder } from './PackFinder';
import { ProfileForm } from './ProfileForm';
import type { Sample } from './SamplePacks';

interface HomeData {
  profile: Profile | null;
  samples: Sample[];
  recent: PackSummary[];
}

export interface HomeScreenProps {
  openPack: OpenPack;
  onOpenDialog: () => void;
  onResume: (pack: PackSummary) => void;
  /** Open a lead project (the Projects section shows for leads). */
  onOpenProject: (projectId: string) => void;
  /** Opens the keyboard settings. */
  onKeySettings: () => void;
}

function HomeHeader({ profile, onEditProfile, onKeySettings }: { profile: Profile; onEditProfile: () => void; onKeySettings: () => void }) {
  return (
    <Group justify="space-between" align="flex-end" component="header">
      <div>
        <Title order={1} size="h2">Loupe</Title>
        <Text c="dimmed" size="sm" data-testid="profile-summary">
          {profile.name} · {profile.role}{' '}
          <Anchor component="button" size="sm" onClick={onEditProfile}>edit</Anchor>
        </Text>
      </div>
      <Group gap="md" align="flex-end">
        <Stack gap={2} align="flex-end">
          <Text size="xs" c="dimmed">
            Press <KeyHint command="help:cheatsheet" /> for keyboard shortcuts, <KeyHint command="app:palette" /> for every command
          </Text>
          <Anchor component="button" size="xs" onClick={onKeySettings} data-testid="open-key-settings">
            Customize keyboard shortcuts…
          </Anchor>
        </Stack>
        <TextSizeControl />
        <ThemeSwitch />
      </Group>
    </Group>
  );
}

export function HomeScreen({ openPack, onOpenDialog, onResume, onKeySettings, onOpenProject }: HomeScreenProps) {
  const [data, setData] = useState<HomeData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editingProfile, setEditingProfile] = useState(false);
  const [opening, setOpening] = useState<string | null>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const display = useDisplaySettings();

  useEffect(() => {
    let live = true;
    Promise.all([call('profile:get', {}), call('packs:samples', {}), call('packs:recent', {})])
      .then(([profile, samples, recent]) => {
        if (!live) return;
        setData({ profile, samples, recent });
        emitAppEvent('home-ready', { hasProfile: profile !== null });
      })
      .catch((error) => live && setLoadError(errorMessage(error)));
    return () => {
      live = false;
    };
  }, []);

  // After a palette run the dialog is still closing: focus the field once it has let go.
  useCommandHandlers({ 'home:find': () => requestAnimationFrame(() => findRef.current?.focus()) });

  if (loadError) {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" title="Loupe could not start" maw={640}>{loadError}</Alert>
      </Center>
    );
  }
  if (!data) return <Center h="100vh"><Loader aria-label="Loading" /></Center>;

  if (!data.profile || editingProfile) {
    const first = !data.profile;
    return (
      <Container size="sm" py="xl" component="main">
        <ProfileForm
          initial={data.profile}
          onSaved={(profile) => {
            setData({ ...data, profile });
            setEditingProfile(false);
            // A new profile may come with nothing saved, an existing one with its own: read them.
            if (first) display.reload();
          }}
          onCancel={data.profile ? () => setEditingProfile(false) : undefined}
        />
      </Container>
    );
  }

  const openSample = async (sample: Sample) => {
    setOpening(sample.id);
    await openPack(() => call('packs:openSample', { sampleId: sample.id }));
    setOpening(null);
  };
  const role = data.profile.role;

  return (
    <Box h="100vh" style={{ overflowY: 'auto' }}>
      <Container size="md" py="xl">
        <Stack gap="xl">
          <HomeHeader profile={data.profile} onEditProfile={() => setEditingProfile(true)} onKeySettings={onKeySettings} />
          <Stack gap="xl" component="main">
            <section aria-label="Open a pack">
              <Group gap="md">
                <Button size="md" onClick={onOpenDialog} rightSection={<KeyHint command="file:open" />} data-testid="open-pack">
                  Open pack…
                </Button>
                <Text size="sm" c="dimmed">or drop a .loupe file anywhere on this window</Text>
              </Group>
            </section>

            {role === 'lead' && <ProjectsSection onOpen={onOpenProject} />}
            {role === 'annotator' && <DashboardSection />}

            <PackFinder
              recent={data.recent}
              samples={data.samples}
              recentTitle={role === 'lead' ? 'Packs you opened' : 'Your packs'}
              opening={opening}
              inputRef={findRef}
              onResume={onResume}
              onOpenSample={(sample) => void openSample(sample)}
            />
          </Stack>
        </Stack>
      </Container>
    </Box>
  );
}
