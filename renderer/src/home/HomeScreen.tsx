/**
 * Home: who you are, the packs you were working on, samples to try, and how to open a pack
 * (button, Mod+O, or dropping a file anywhere on the window — see packs/useWindowDrop.ts).
 * Without a profile, the profile form comes first: results need a name.
 */
import { ProjectsSection } from '../lead/ProjectsSection';
import { DashboardSection } from './DashboardSection';
import { Alert, Anchor, Box, Button, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PackSummary, Profile } from '../../../shared/contract';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { KeyChord } from '../keys/CheatSheet';
import { useCommandKeys } from '../keys/resolvedKeymap';
import { errorMessage } from '../notify';
import type { OpenPack } from '../packs/useOpenPack';
import { ProfileForm } from './ProfileForm';
import { RecentPacks } from './RecentPacks';
import { SamplePacks, type Sample } from './SamplePacks';

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

/** Where Home mentions a key, it shows the profile's current one (or none, when unbound). */
function KeyHint({ keys }: { keys: readonly string[] }) {
  return keys[0] ? <KeyChord keyName={keys[0]} /> : null;
}

export function HomeScreen({ openPack, onOpenDialog, onResume, onKeySettings, onOpenProject }: HomeScreenProps) {
  const [data, setData] = useState<HomeData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editingProfile, setEditingProfile] = useState(false);
  const [opening, setOpening] = useState<string | null>(null);
  const cheatsheetKeys = useCommandKeys('help:cheatsheet');
  const paletteKeys = useCommandKeys('app:palette');
  const openKeys = useCommandKeys('file:open');

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

  if (loadError) {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" title="Loupe could not start" maw={640}>{loadError}</Alert>
      </Center>
    );
  }
  if (!data) return <Center h="100vh"><Loader aria-label="Loading" /></Center>;

  if (!data.profile || editingProfile) {
    return (
      <Container size="sm" py="xl">
        <ProfileForm
          initial={data.profile}
          onSaved={(profile) => {
            setData({ ...data, profile });
            setEditingProfile(false);
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

  return (
    <Box h="100vh" style={{ overflowY: 'auto' }}>
    <Container size="md" py="xl">
      <Stack gap="xl">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2}>Loupe</Title>
            <Text c="dimmed" size="sm" data-testid="profile-summary">
              {data.profile.name} · {data.profile.role}{' '}
              <Anchor component="button" size="sm" onClick={() => setEditingProfile(true)}>edit</Anchor>
            </Text>
          </div>
          <Stack gap={2} align="flex-end">
            <Text size="xs" c="dimmed">
              {cheatsheetKeys[0] && <>Press <KeyHint keys={cheatsheetKeys} /> for keyboard shortcuts</>}
              {paletteKeys[0] && <>, <KeyHint keys={paletteKeys} /> for every command</>}
            </Text>
            <Anchor component="button" size="xs" onClick={onKeySettings} data-testid="open-key-settings">
              Customize keyboard shortcuts…
            </Anchor>
          </Stack>
        </Group>

        <section>
          <Group gap="md">
            <Button size="md" onClick={onOpenDialog} rightSection={<KeyHint keys={openKeys} />} data-testid="open-pack">
              Open pack…
            </Button>
            <Text size="sm" c="dimmed">or drop a .loupe file anywhere on this window</Text>
          </Group>
        </section>

        {data.profile?.role === 'lead' && <ProjectsSection onOpen={onOpenProject} />}
        {data.profile?.role === 'annotator' && <DashboardSection />}

        <section>
          <Title order={4} mb="xs">Recent packs</Title>
          <RecentPacks packs={data.recent} onResume={onResume} />
        </section>

        <section>
          <Title order={4} mb="xs">Sample packs</Title>
          <SamplePacks samples={data.samples} opening={opening} onOpen={(sample) => void openSample(sample)} />
        </section>
      </Stack>
    </Container>
    </Box>
  );
}
