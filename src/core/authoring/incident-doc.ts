/**
 * An incident file open for editing: the surgical YAML editor set up with the incident
 * schema's key order, and the item style DOMAIN.md's example uses for each list.
 */
import { IncidentSchema, type Incident } from '../schema/incident.js';
import type { YamlPath } from '../finding.js';
import { keyOrderFrom } from './key-order.js';
import { YamlEdit, type ItemStyle } from './yaml-edit.js';

/** A refused edit: what was asked cannot be done to this incident. The CLI exits 1 with the details. */
export class EditRefused extends Error {
  override readonly name = 'EditRefused';
  constructor(message: string, readonly details: string[] = []) {
    super(message);
  }
}

/** Short entries stay one line each (as in DOMAIN.md); entries with several long texts are blocks. */
const FLOW_LISTS = new Set(['ledger', 'updates', 'signoff', 'escalations', 'waivers', 'links', 'datasets', 'consumers', 'categories', 'preconditions', 'postconditions']);

const incidentKeyOrder = keyOrderFrom(IncidentSchema);

export function newItemStyle(path: YamlPath): ItemStyle {
  return FLOW_LISTS.has(String(path[path.length - 1])) ? 'flow' : 'block';
}

export class IncidentDoc {
  readonly edit: YamlEdit;
  constructor(readonly path: string, text: string) {
    this.edit = new YamlEdit(text, { keyOrder: incidentKeyOrder, newItemStyle });
  }

  get text(): string {
    return this.edit.text;
  }

  /** The incident as it is now (after the edits so far). */
  get data(): Incident {
    const v = this.edit.toJS();
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new EditRefused(`${this.path} is not an incident mapping`);
    return v as Incident;
  }
}
