/** Every migration, in order. Add a new numbered file; never edit one that has shipped. */
import type { Migration } from '../migrate';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-profile-settings';
import { migration0003 } from './0003-projects';
import { migration0004 } from './0004-review';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004];
