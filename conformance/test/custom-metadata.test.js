// Custom metadata fields through @imagekit/nodejs 7.11.0: customMetadataFields.create/list/update/delete,
// and the validation of customMetadata values on upload and update against them.

import { after } from 'node:test';
import { assert, connect, describe, fails, ok, once, spec, uniq } from '../lib/harness.js';
import { pngUpload, uploadPng } from '../lib/fixtures.js';

const px = await connect();
after(() => px.close());
const ik = px.client();
const root = `/${uniq('cmf')}`;
const run = uniq('m').replace(/-/g, '_');
const CREATE = 'POST /v1/customMetadataFields';
const LIST = 'GET /v1/customMetadataFields';
const n = (name) => `${name}_${run}`;

describe('customMetadataFields.create / list / update / delete', () => {
  const SCHEMAS = {
    Text: { type: 'Text', minLength: 1, maxLength: 20, defaultValue: 'x' },
    Textarea: { type: 'Textarea' },
    Number: { type: 'Number', minValue: 1, maxValue: 100 },
    Date: { type: 'Date', minValue: '2020-01-01T00:00:00.000Z' },
    Boolean: { type: 'Boolean' },
    SingleSelect: { type: 'SingleSelect', selectOptions: ['small', 'medium', 'large'] },
    MultiSelect: { type: 'MultiSelect', selectOptions: ['a', 'b', 30, true] },
  };
  const created = {};

  for (const [type, schema] of Object.entries(SCHEMAS)) {
    spec(`create a ${type} field -> 201 {id, name, label, schema}`, async () => {
      const name = n(`f_${type.toLowerCase()}`);
      const f = await ok(ik.customMetadataFields.create({ name, label: `Label ${type} ${run}`, schema }), `${CREATE} (${type}) -> 201 CustomMetadataField`, { status: 201 });
      assert.equal(typeof f.id, 'string');
      assert.equal(f.name, name);
      assert.equal(f.label, `Label ${type} ${run}`);
      for (const [k, v] of Object.entries(schema)) assert.deepEqual(f.schema[k], v, `schema.${k} is stored as sent`);
      created[type] = f;
    });
  }

  spec('create with an existing name -> 400', async () => {
    const name = n('dup');
    await ok(ik.customMetadataFields.create({ name, label: `Dup ${run}`, schema: { type: 'Text' } }), `${CREATE} -> 201`);
    const e = await fails(ik.customMetadataFields.create({ name, label: `Dup2 ${run}`, schema: { type: 'Text' } }), 400, `${CREATE} with a duplicate name`);
    assert.match(e.error.message, /already exists/i);
  });

  spec('create with an invalid schema type -> 400', async () => {
    await fails(ik.customMetadataFields.create({ name: n('badtype'), label: `Bad ${run}`, schema: { type: 'Colour' } }), 400, `${CREATE} with schema.type "Colour"`);
  });

  spec('list -> the fields (CustomMetadataField[])', async () => {
    const list = await ok(ik.customMetadataFields.list(), `${LIST} -> 200 CustomMetadataField[]`);
    assert.ok(Array.isArray(list));
    const mine = list.filter((f) => f.name.endsWith(run));
    assert.ok(mine.length >= Object.keys(created).length, 'every created field is listed');
    for (const f of mine) {
      assert.equal(typeof f.id, 'string');
      assert.equal(typeof f.label, 'string');
      assert.equal(typeof f.schema?.type, 'string');
    }
  });

  spec('update label and schema -> 200 CustomMetadataField; name cannot change', async () => {
    const name = n('upd');
    const f = await ok(ik.customMetadataFields.create({ name, label: `Upd ${run}`, schema: { type: 'Number', minValue: 1, maxValue: 10 } }), `${CREATE} -> 201`);
    const g = await ok(ik.customMetadataFields.update(f.id, { label: `Updated ${run}`, schema: { maxValue: 500 } }), 'PATCH /v1/customMetadataFields/{id} -> 200');
    assert.equal(g.id, f.id);
    assert.equal(g.name, name);
    assert.equal(g.label, `Updated ${run}`);
    assert.equal(g.schema.type, 'Number', 'the type is kept');
    assert.equal(g.schema.maxValue, 500);
    await fails(ik.customMetadataFields.update('000000000000000000000000', { label: 'x' }), 404, 'PATCH /v1/customMetadataFields/{id} for an unknown id');
  });

  spec('delete -> 204; gone from list, back with includeDeleted=true; the name stays taken', async () => {
    const name = n('del');
    const f = await ok(ik.customMetadataFields.create({ name, label: `Del ${run}`, schema: { type: 'Text' } }), `${CREATE} -> 201`);
    await ok(ik.customMetadataFields.delete(f.id), 'DELETE /v1/customMetadataFields/{id} -> 204', { status: 204 });
    const live = await ok(ik.customMetadataFields.list(), LIST);
    assert.ok(!live.some((x) => x.id === f.id), 'a deleted field is not listed by default');
    const all = await ok(ik.customMetadataFields.list({ includeDeleted: true }), `${LIST}?includeDeleted=true`);
    assert.ok(all.some((x) => x.id === f.id), 'includeDeleted=true lists it');
    await fails(ik.customMetadataFields.create({ name, label: `Del again ${run}`, schema: { type: 'Text' } }), 400, `${CREATE} reusing a deleted field's name`);
    await fails(ik.customMetadataFields.delete(f.id), 404, 'DELETE /v1/customMetadataFields/{id} twice');
  });
});

describe('customMetadata values are validated against the fields', () => {
  const TEXT = n('v_text');
  const NUM = n('v_num');
  const SEL = n('v_sel');
  const fields = once(async () => {
    await ok(ik.customMetadataFields.create({ name: TEXT, label: `VText ${run}`, schema: { type: 'Text', maxLength: 5 } }), `${CREATE} -> 201`);
    await ok(ik.customMetadataFields.create({ name: NUM, label: `VNum ${run}`, schema: { type: 'Number', minValue: 0, maxValue: 10 } }), `${CREATE} -> 201`);
    await ok(ik.customMetadataFields.create({ name: SEL, label: `VSel ${run}`, schema: { type: 'SingleSelect', selectOptions: ['s', 'm'] } }), `${CREATE} -> 201`);
  });

  spec('upload with valid values -> 200, stored', async () => {
    await fields();
    const u = await uploadPng(ik, { fileName: 'ok.png', folder: root, customMetadata: { [TEXT]: 'abc', [NUM]: 7, [SEL]: 'm' }, responseFields: ['customMetadata'] });
    assert.deepEqual(u.customMetadata, { [TEXT]: 'abc', [NUM]: 7, [SEL]: 'm' });
  });

  const bad = [
    ['a string for a Number field', { [NUM]: 'seven' }],
    ['a Number above maxValue', { [NUM]: 11 }],
    ['a Text longer than maxLength', { [TEXT]: 'too long' }],
    ['a value outside selectOptions', { [SEL]: 'xl' }],
    ['a field that does not exist', { [n('nope')]: 1 }],
  ];
  bad.forEach(([what, customMetadata], i) => {
    spec(`upload with ${what} -> 400, nothing stored`, async () => {
      await fields();
      const folder = `${root}/bad${i}`;
      const { file } = await pngUpload('bad.png', 4, 4);
      await fails(ik.files.upload({ file, fileName: 'bad.png', folder, useUniqueFileName: false, customMetadata }), 400, `POST /api/v1/files/upload with ${what}`);
      assert.equal((await px.get(`${px.urlEndpoint}${folder}/bad.png`)).status, 404, 'the rejected upload left no file');
    });
  });

  spec('update with a wrong type -> 400, the old value stays', async () => {
    await fields();
    const u = await uploadPng(ik, { fileName: 'upd.png', folder: root, customMetadata: { [NUM]: 3 } });
    await fails(ik.files.update(u.fileId, { customMetadata: { [NUM]: 'three' } }), 400, 'PATCH /v1/files/{fileId}/details with a string for a Number field');
    const f = await ok(ik.files.get(u.fileId), 'GET /v1/files/{fileId}/details');
    assert.deepEqual(f.customMetadata, { [NUM]: 3 });
  });
});
