/**
 * A preference between responses A and B: overall choice (A / B / T), how strongly (number keys),
 * optional per-dimension choices (a row each), and a justification whose need follows the config
 * (always, or once the preference is strong).
 */
import { Button, Group, Kbd, Stack, Text } from '@mantine/core';
import type { PairwiseControl } from '../../../../shared/pack/labelConfig';
import { justificationNeeded, OVERALL_ROW } from '../../../../shared/questions';
import { withChoice, withDimension, withJustification, withStrength } from './edits';
import { QuestionText, Row, ScalePicker } from './parts';
import type { QuestionViewProps } from './types';

type Preference = 'A' | 'B' | 'tie';

function PreferenceButtons({ value, allowTie, showKeys, onPick, testId }: { value: Preference | undefined; allowTie: boolean; showKeys: boolean; onPick: (p: Preference) => void; testId: string }) {
  const options: [Preference, string, string][] = [['A', 'A is better', 'A'], ['B', 'B is better', 'B'], ...(allowTie ? [['tie', 'Tie', 'T'] as [Preference, string, string]] : [])];
  return (
    <Group gap={4} role="radiogroup">
      {options.map(([choice, label, key]) => (
        <Button
          key={choice}
          size="compact-sm"
          tabIndex={-1}
          role="radio"
          aria-checked={value === choice}
          data-testid={`${testId}-${choice}`}
          data-selected={value === choice}
          variant={value === choice ? 'filled' : 'default'}
          onClick={() => onPick(choice)}
          rightSection={showKeys ? <Kbd size="xs">{key}</Kbd> : undefined}
        >
          {label}
        </Button>
      ))}
    </Group>
  );
}

export function PairwiseQuestion({ control, result, focused, row, showAnchors, onResult, onFocusRow, onLeaveText }: QuestionViewProps<PairwiseControl, 'pairwise'>) {
  const overallActive = focused && row === OVERALL_ROW;
  const needed = justificationNeeded(control, result);
  const min = Math.max(1, control.justificationMinLength);
  const length = result?.justification.trim().length ?? 0;
  return (
    <Stack gap={4}>
      <Row testId={`preference-${control.id}-overall`} focused={overallActive} onFocusRow={() => onFocusRow(OVERALL_ROW)}>
        <Text size="sm" fw={500}>Overall</Text>
        <PreferenceButtons value={result?.choice} allowTie={control.allowTie} showKeys={overallActive} testId={`prefer-${control.id}`} onPick={(p) => onResult(withChoice(control, result, p))} />
        {control.strength.length > 0 && result?.choice && result.choice !== 'tie' && (
          <Stack gap={2} mt={4}>
            <Text size="xs" c="dimmed">How much better is {result.choice}?</Text>
            <ScalePicker
              scale={control.strength}
              value={result.strength}
              showKeys={overallActive}
              showAnchors={showAnchors && overallActive}
              testId={`strength-${control.id}`}
              onPick={(value) => {
                const next = withStrength(result, value);
                if (next) onResult(next);
              }}
            />
          </Stack>
        )}
      </Row>
      {control.dimensions.map((dimension) => {
        const active = focused && row === dimension.id;
        return (
          <Row key={dimension.id} testId={`preference-${control.id}-${dimension.id}`} focused={active} onFocusRow={() => onFocusRow(dimension.id)}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" title={dimension.description}>{dimension.name}</Text>
              <PreferenceButtons
                value={result?.dimensions?.[dimension.id]}
                allowTie={control.allowTie}
                showKeys={active}
                testId={`prefer-${control.id}-${dimension.id}`}
                onPick={(p) => onResult(withDimension(control, result, dimension.id, p))}
              />
            </Group>
          </Row>
        );
      })}
      {control.justification !== 'none' && (
        <QuestionText
          focusId={`${control.id}:justification`}
          label={needed ? `Justification (required, at least ${min} characters)` : 'Justification (optional)'}
          description={control.justification === 'when-strong' && !needed ? 'Required when the preference is strong.' : undefined}
          value={result?.justification ?? ''}
          error={needed && length > 0 && length < min ? `${length} of ${min} characters` : null}
          placeholder="Why is one response better? Point at what decided it."
          onChange={(text) => onResult(withJustification(control, result, text), `${control.id}:justification`)}
          onLeave={onLeaveText}
        />
      )}
    </Stack>
  );
}
