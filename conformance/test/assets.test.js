// List and search through @imagekit/nodejs 7.11.0: assets.list (GET /v1/files) with path, type,
// fileType, sort, limit/skip and searchQuery.

import { after } from 'node:test';
import { toFile } from '@imagekit/nodejs';
import { assert, assertFileDetails, connect, describe, fails, ok, once, spec, uniq } from '../lib/harness.js';
import { ensureCustomMetadataFields, uploadPng } from '../lib/fixtures.js';

const px = await connect();
after(() => px.close());
const ik = px.client();
const root = `/${uniq('assets')}`;
const LIST = 'GET /v1/files';
const run = uniq('s').replace(/-/g, '_');
const COLOR = `color_${run}`;
const PRICE = `price_${run}`;

// the fixture: files directly in root (a b c d e g), one in root/sub (f); g has two versions
const F = {};
const fixture = once(async () => {
  await ensureCustomMetadataFields(ik, [
    { name: COLOR, label: `Color ${run}`, schema: { type: 'Text' } },
    { name: PRICE, label: `Price ${run}`, schema: { type: 'Number' } },
  ]);
  F.a = await uploadPng(ik, { fileName: 'a-red.png', folder: root, tags: ['red', 'sale'], customMetadata: { [COLOR]: 'red', [PRICE]: 10 } }, { w: 10, h: 40, seed: 1 });
  F.b = await uploadPng(ik, { fileName: 'b-green.png', folder: root, tags: ['green'], isPrivateFile: true, customMetadata: { [COLOR]: 'green', [PRICE]: 50 } }, { w: 50, h: 20, seed: 2 });
  F.c = await uploadPng(ik, { fileName: 'c-blue.png', folder: root, tags: ['blue', 'sale'], isPublished: false, customMetadata: { [PRICE]: 120 } }, { w: 120, h: 90, seed: 3 });
  F.d = await uploadPng(ik, { fileName: 'd-big.png', folder: root, tags: ['big'] }, { w: 700, h: 700, noise: true });
  const text = Buffer.from('plain text, not an image\n');
  F.e = await ok(ik.files.upload({ file: await toFile(text, 'e-notes.txt', { type: 'text/plain' }), fileName: 'e-notes.txt', folder: root, useUniqueFileName: false, tags: ['doc'] }),
    'POST /api/v1/files/upload (text) -> 200');
  F.f = await uploadPng(ik, { fileName: 'f-sub.png', folder: `${root}/sub`, tags: ['red'] }, { w: 30, h: 30, seed: 6 });
  await uploadPng(ik, { fileName: 'g-ver.png', folder: root }, { w: 16, h: 16, seed: 7 });
  F.g = await uploadPng(ik, { fileName: 'g-ver.png', folder: root }, { w: 16, h: 16, seed: 8 });
  assert.ok(F.d.bytes.length > 1024 * 1024, 'd-big.png is over 1 MB');
  return F;
});

const DIRECT = ['a-red.png', 'b-green.png', 'c-blue.png', 'd-big.png', 'e-notes.txt', 'g-ver.png'];
const sorted = (xs) => [...xs].sort();
const names = (list) => list.map((x) => x.name);

async function list(params, what) {
  await fixture();
  const res = await ok(ik.assets.list(params), `${LIST}?${new URLSearchParams(params)} -> 200 (${what})`);
  assert.ok(Array.isArray(res), `${LIST} returns an array`);
  return res;
}

async function search(query, expected, { path = root } = {}) {
  const params = path ? { path, searchQuery: query } : { searchQuery: query };
  const res = await list(params, `searchQuery ${query}`);
  assert.deepEqual(sorted(names(res)), sorted(expected), `searchQuery ${query} ${path ? `(path ${path}) ` : ''}selects ${JSON.stringify(expected)}`);
}

describe('assets.list: path, type, fileType', () => {
  spec('path -> the files directly in that folder, FileDetails, default sort ASC_CREATED', async () => {
    const res = await list({ path: root }, 'path');
    assert.deepEqual(names(res), DIRECT, 'the files in upload order (ASC_CREATED), current versions only, no folders, no subfolder files');
    for (const f of res) assertFileDetails(f);
    const b = res.find((f) => f.name === 'b-green.png');
    assert.equal(b.isPrivateFile, true);
    assert.deepEqual(b.customMetadata, { [COLOR]: 'green', [PRICE]: 50 });
  });

  spec('type=folder -> FolderDetails of the subfolders', async () => {
    const res = await list({ path: root, type: 'folder' }, 'type folder');
    assert.deepEqual(names(res), ['sub']);
    const [folder] = res;
    assert.equal(folder.type, 'folder');
    assert.equal(typeof folder.folderId, 'string', 'FolderDetails.folderId');
    assert.equal(typeof folder.folderPath, 'string', 'FolderDetails.folderPath');
    assert.match(folder.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'FolderDetails.createdAt');
    assert.match(folder.updatedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'FolderDetails.updatedAt');
  });

  spec('type=all -> files and folders (no file versions)', async () => {
    const res = await list({ path: root, type: 'all' }, 'type all');
    assert.deepEqual(sorted(names(res)), sorted([...DIRECT, 'sub']));
    assert.ok(res.every((x) => x.type === 'file' || x.type === 'folder'));
  });

  spec('type=file-version -> the non-current versions', async () => {
    const res = await list({ path: root, type: 'file-version' }, 'type file-version');
    assert.deepEqual(names(res), ['g-ver.png']);
    assertFileDetails(res[0], { type: 'file-version' });
    assert.equal(res[0].fileId, F.g.fileId);
    assert.notEqual(res[0].versionInfo.id, F.g.versionInfo.id, 'the old version, not the current one');
  });

  spec('fileType=image / non-image / all', async () => {
    assert.deepEqual(sorted(names(await list({ path: root, fileType: 'image' }, 'fileType image'))), sorted(DIRECT.filter((n) => n.endsWith('.png'))));
    assert.deepEqual(names(await list({ path: root, fileType: 'non-image' }, 'fileType non-image')), ['e-notes.txt']);
    assert.deepEqual(sorted(names(await list({ path: root, fileType: 'all' }, 'fileType all'))), sorted(DIRECT));
  });

  spec('invalid type -> 400', async () => {
    await fails(ik.assets.list({ path: root, type: 'bogus' }), 400, `${LIST}?type=bogus`);
  });
});

describe('assets.list: sort, limit, skip', () => {
  const KEYS = { NAME: 'name', CREATED: 'createdAt', UPDATED: 'updatedAt', HEIGHT: 'height', WIDTH: 'width', SIZE: 'size' };
  for (const [key, field] of Object.entries(KEYS)) {
    for (const dir of ['ASC', 'DESC']) {
      spec(`sort=${dir}_${key} orders by ${field}`, async () => {
        const params = { path: root, sort: `${dir}_${key}`, fileType: 'image' };
        const res = await list(params, `sort ${dir}_${key}`);
        assert.deepEqual(sorted(names(res)), sorted(DIRECT.filter((n) => n.endsWith('.png'))), 'the same files, reordered');
        for (let i = 1; i < res.length; i++) {
          const [p, q] = [res[i - 1][field], res[i][field]];
          const inOrder = dir === 'ASC' ? p <= q : p >= q;
          assert.ok(inOrder, `${dir}_${key}: ${JSON.stringify(p)} (${res[i - 1].name}) then ${JSON.stringify(q)} (${res[i].name})`);
        }
      });
    }
  }

  for (const dir of ['ASC', 'DESC']) {
    spec(`sort=${dir}_RELEVANCE is accepted`, async () => {
      const res = await list({ path: root, sort: `${dir}_RELEVANCE`, searchQuery: 'tags IN ["sale"]' }, `sort ${dir}_RELEVANCE`);
      assert.deepEqual(sorted(names(res)), ['a-red.png', 'c-blue.png']);
    });
  }

  spec('invalid sort -> 400', async () => {
    await fails(ik.assets.list({ path: root, sort: 'ASC_COLOUR' }), 400, `${LIST}?sort=ASC_COLOUR`);
  });

  spec('limit and skip page through the same order', async () => {
    const all = names(await list({ path: root, sort: 'ASC_NAME' }, 'all, ASC_NAME'));
    assert.deepEqual(names(await list({ path: root, sort: 'ASC_NAME', limit: 2 }, 'limit 2')), all.slice(0, 2));
    assert.deepEqual(names(await list({ path: root, sort: 'ASC_NAME', limit: 2, skip: 2 }, 'limit 2 skip 2')), all.slice(2, 4));
    assert.deepEqual(names(await list({ path: root, sort: 'ASC_NAME', skip: 5 }, 'skip 5')), all.slice(5));
    assert.deepEqual(names(await list({ path: root, sort: 'ASC_NAME', skip: 100 }, 'skip past the end')), []);
  });

  spec('limit 0, limit 1001 and skip -1 -> 400', async () => {
    await fails(ik.assets.list({ path: root, limit: 0 }), 400, `${LIST}?limit=0`);
    await fails(ik.assets.list({ path: root, limit: 1001 }), 400, `${LIST}?limit=1001`);
    await fails(ik.assets.list({ path: root, skip: -1 }), 400, `${LIST}?skip=-1`);
  });
});

describe('assets.list: searchQuery', () => {
  const IMAGES = DIRECT.filter((n) => n.endsWith('.png'));
  const cases = [
    ['name = "a-red.png"', ['a-red.png']],
    ['name != "a-red.png"', DIRECT.filter((n) => n !== 'a-red.png')],
    ['name : "c-"', ['c-blue.png']],
    ['name IN ["a-red.png", "c-blue.png"]', ['a-red.png', 'c-blue.png']],
    ['name NOT IN ["a-red.png", "c-blue.png"]', DIRECT.filter((n) => !['a-red.png', 'c-blue.png'].includes(n))],
    ['tags IN ["sale"]', ['a-red.png', 'c-blue.png']],
    ['tags IN ["green", "big"]', ['b-green.png', 'd-big.png']],
    ['tags NOT IN ["sale"]', DIRECT.filter((n) => !['a-red.png', 'c-blue.png'].includes(n))],
    ['width > 100', ['c-blue.png', 'd-big.png']],
    ['width >= 120', ['c-blue.png', 'd-big.png']],
    ['width < 16', ['a-red.png']],
    ['width <= 16', ['a-red.png', 'g-ver.png']],
    ['height = 90', ['c-blue.png']],
    ['height < 30', ['b-green.png', 'g-ver.png']],
    ['size > "1mb"', ['d-big.png']],
    ['size < "1mb"', DIRECT.filter((n) => n !== 'd-big.png')],
    ['size < "100kb" AND size > 0', DIRECT.filter((n) => n !== 'd-big.png')],
    ['createdAt > "7d"', DIRECT],
    ['createdAt < "7d"', []],
    ['updatedAt > "1h"', DIRECT],
    ['createdAt > "2020-01-01"', DIRECT],
    ['createdAt < "2020-01-01T00:00:00"', []],
    ['isPrivateFile = true', ['b-green.png']],
    ['isPublished = false', ['c-blue.png']],
    ['type = "file"', DIRECT],
    ['fileType = "non-image"', ['e-notes.txt']],
    ['fileType = "image"', IMAGES],
    ['format = "png"', IMAGES],
    ['tags IN ["sale"] AND width > 100', ['c-blue.png']],
    ['name = "a-red.png" OR name = "b-green.png"', ['a-red.png', 'b-green.png']],
    ['(tags IN ["sale"] OR isPrivateFile = true) AND width < 100', ['a-red.png', 'b-green.png']],
    ['tags IN ["sale"] AND (width > 100 OR height > 30)', ['a-red.png', 'c-blue.png']],
    [`"customMetadata.${COLOR}" = "red"`, ['a-red.png']],
    [`"customMetadata.${PRICE}" > 20`, ['b-green.png', 'c-blue.png']],
    [`"customMetadata.${PRICE}" <= 50 AND "customMetadata.${COLOR}" IN ["green", "blue"]`, ['b-green.png']],
  ];
  for (const [query, expected] of cases) {
    // the title names the run-specific metadata fields generically, so that it is the same every run
    const title = query.replaceAll(COLOR, '<color field>').replaceAll(PRICE, '<price field>');
    spec(`searchQuery ${title}`, () => search(query, expected));
  }

  spec('searchQuery path = "<folder>" selects that folder only (no path parameter)', () =>
    search(`path = "${root}/sub"`, ['f-sub.png'], { path: null }));

  spec('searchQuery path : "<folder>" includes subfolders (no path parameter)', () =>
    search(`path : "${root}" AND type = "file"`, [...DIRECT, 'f-sub.png'], { path: null }));

  spec('searchQuery type = "folder" returns the folders', () => search('type = "folder"', ['sub']));

  for (const bad of ['name = ', '(name = "a-red.png"', 'name === "x"', 'width > "wide"']) {
    spec(`malformed searchQuery ${JSON.stringify(bad)} -> 400`, async () => {
      await fails(ik.assets.list({ path: root, searchQuery: bad }), 400, `${LIST}?searchQuery=${bad}`);
    });
  }
});
