/**
 * The control editors, by control kind. A label config whose controls include one of these kinds
 * shows that editor in the main area (it renders the task's text or image itself); choices
 * controls stay as label buttons below. Kinds with no editor here are reported as unsupported.
 */
import type { ComponentType } from 'react';
import type { Control } from '../../../../shared/pack/labelConfig';
import { RegionEditor } from '../regions/RegionEditor';
import { SpanEditor } from '../spans/SpanEditor';
import type { EditorProps } from './types';

// The registry is heterogeneous by design: each editor takes the props of its own control kind.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const EDITORS: Partial<Record<Control['kind'], ComponentType<EditorProps<any, any>>>> = {
  spans: SpanEditor,
  boxes: RegionEditor,
  polygons: RegionEditor,
};

/** The first control of a config that has an editor (it owns the main area and the label keys). */
export function editorControl(controls: readonly Control[]): Control | null {
  return controls.find((c) => EDITORS[c.kind] !== undefined) ?? null;
}
