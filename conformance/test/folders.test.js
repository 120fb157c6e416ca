// Folders through @imagekit/nodejs 7.11.0: folders.create/delete/copy/move/rename and folders.job.get.

import { after } from 'node:test';
import { assert, connect, describe, eventually, fails, ok, spec, uniq } from '../lib/harness.js';
import { uploadPng } from '../lib/fixtures.js';

const px = await connect();
after(() => px.close());
const ik = px.client();
const root = `/${uniq('folders')}`;
const JOB = 'GET /v1/bulkJobs/{jobId}';

const folderNames = async (path) =>
  (await ok(ik.assets.list({ path, type: 'folder' }), `GET /v1/files?path=${path}&type=folder -> 200`)).map((f) => f.name).sort();
const served = async (filePath) => (await px.get(`${px.urlEndpoint}${filePath}`)).status;

/** Polls the bulk job until it is Completed; checks its shape on the way. */
async function completed(jobId, type) {
  const job = await eventually(() => ok(ik.folders.job.get(jobId), `${JOB} -> 200 {jobId, type, status}`),
    (j) => j.status === 'Completed', `bulk job ${jobId}`);
  assert.equal(job.jobId, jobId);
  assert.equal(job.type, type);
  return job;
}

describe('folders.create / folders.delete', () => {
  spec('create -> 201 {}; the folder is listed; missing parents are created', async () => {
    const r = await ok(ik.folders.create({ folderName: 'made', parentFolderPath: `${root}/p/q` }), 'POST /v1/folder -> 201 {}', { status: 201 });
    assert.deepEqual(r ?? {}, {});
    assert.deepEqual(await folderNames(`${root}/p/q`), ['made']);
    assert.deepEqual(await folderNames(`${root}/p`), ['q'], 'the missing parent folders were created');
  });

  spec('create replaces characters other than letters and digits with "_"', async () => {
    await ok(ik.folders.create({ folderName: 'a b&c', parentFolderPath: `${root}/names` }), 'POST /v1/folder -> 201');
    assert.deepEqual(await folderNames(`${root}/names`), ['a_b_c']);
  });

  spec('create with "." or ".." as the name -> 400', async () => {
    await fails(ik.folders.create({ folderName: '..', parentFolderPath: root }), 400, 'POST /v1/folder {folderName: ".."}');
  });

  spec('delete -> 204; its files are gone; deleting again -> 404', async () => {
    const u = await uploadPng(ik, { fileName: 'in.png', folder: `${root}/del/inner` });
    await ok(ik.folders.delete({ folderPath: `${root}/del` }), 'DELETE /v1/folder -> 204', { status: 204 });
    assert.equal(await served(u.filePath), 404, 'files inside a deleted folder are gone');
    await fails(ik.files.get(u.fileId), 404, 'GET /v1/files/{fileId}/details of a file in a deleted folder');
    await fails(ik.folders.delete({ folderPath: `${root}/del` }), 404, 'DELETE /v1/folder for a missing folder');
  });
});

describe('folders.copy / move / rename and folders.job.get', () => {
  spec('copy -> {jobId}; job COPY_FOLDER Completed; files exist at both places', async () => {
    const u = await uploadPng(ik, { fileName: 'c.png', folder: `${root}/src1/deep` }, { seed: 21 });
    const r = await ok(ik.folders.copy({ sourceFolderPath: `${root}/src1`, destinationPath: `${root}/dst1` }), 'POST /v1/bulkJobs/copyFolder -> 200 {jobId}');
    assert.equal(typeof r.jobId, 'string');
    await completed(r.jobId, 'COPY_FOLDER');
    const copy = await px.get(`${px.urlEndpoint}${root}/dst1/src1/deep/c.png`);
    assert.equal(copy.status, 200, 'the source folder is copied into the destination');
    assert.deepEqual(copy.body, u.bytes);
    assert.equal(await served(u.filePath), 200, 'the source stays');
  });

  spec('copy with includeVersions -> Completed', async () => {
    await uploadPng(ik, { fileName: 'v.png', folder: `${root}/src2` }, { seed: 1 });
    await uploadPng(ik, { fileName: 'v.png', folder: `${root}/src2` }, { seed: 2 });
    const r = await ok(ik.folders.copy({ sourceFolderPath: `${root}/src2`, destinationPath: `${root}/dst2`, includeVersions: true }), 'POST /v1/bulkJobs/copyFolder {includeVersions} -> 200');
    await completed(r.jobId, 'COPY_FOLDER');
    const copied = await ok(ik.assets.list({ path: `${root}/dst2/src2`, type: 'file-version' }), 'GET /v1/files?type=file-version');
    assert.equal(copied.length, 1, 'the old version was copied too');
  });

  spec('copy of a missing folder -> 404', async () => {
    await fails(ik.folders.copy({ sourceFolderPath: `${root}/nothing-here`, destinationPath: `${root}/x` }), 404, 'POST /v1/bulkJobs/copyFolder of a missing folder');
  });

  spec('move -> {jobId}; job MOVE_FOLDER Completed; files only at the destination', async () => {
    const u = await uploadPng(ik, { fileName: 'm.png', folder: `${root}/src3` }, { seed: 22 });
    const r = await ok(ik.folders.move({ sourceFolderPath: `${root}/src3`, destinationPath: `${root}/dst3` }), 'POST /v1/bulkJobs/moveFolder -> 200 {jobId}');
    await completed(r.jobId, 'MOVE_FOLDER');
    assert.equal(await served(`${root}/dst3/src3/m.png`), 200);
    assert.equal(await served(u.filePath), 404, 'the source is gone');
    const f = await ok(ik.files.get(u.fileId), 'GET /v1/files/{fileId}/details of the moved file');
    assert.equal(f.filePath, `${root}/dst3/src3/m.png`, 'a moved file keeps its fileId');
  });

  spec('move a folder into its own subfolder -> 400', async () => {
    await uploadPng(ik, { fileName: 'x.png', folder: `${root}/src4/child` });
    await fails(ik.folders.move({ sourceFolderPath: `${root}/src4`, destinationPath: `${root}/src4/child` }), 400, 'POST /v1/bulkJobs/moveFolder into its own child');
  });

  spec('rename -> {jobId}; job RENAME_FOLDER Completed; files under the new name', async () => {
    const u = await uploadPng(ik, { fileName: 'r.png', folder: `${root}/old-name` }, { seed: 23 });
    const r = await ok(ik.folders.rename({ folderPath: `${root}/old-name`, newFolderName: 'new-name' }), 'POST /v1/bulkJobs/renameFolder -> 202 {jobId}', { status: 202 });
    await completed(r.jobId, 'RENAME_FOLDER');
    assert.equal(await served(`${root}/new-name/r.png`), 200);
    assert.equal(await served(u.filePath), 404);
  });

  spec('rename with purgeCache -> the job carries a purgeRequestId', async () => {
    await uploadPng(ik, { fileName: 'p.png', folder: `${root}/purge-me` });
    const r = await ok(ik.folders.rename({ folderPath: `${root}/purge-me`, newFolderName: 'purged', purgeCache: true }), 'POST /v1/bulkJobs/renameFolder {purgeCache} -> 202');
    const job = await completed(r.jobId, 'RENAME_FOLDER');
    assert.equal(typeof job.purgeRequestId, 'string', 'job.purgeRequestId');
  });

  spec('rename onto an existing folder -> 409; a missing folder -> 404', async () => {
    await uploadPng(ik, { fileName: 'a.png', folder: `${root}/ren-a` });
    await uploadPng(ik, { fileName: 'b.png', folder: `${root}/ren-b` });
    await fails(ik.folders.rename({ folderPath: `${root}/ren-a`, newFolderName: 'ren-b' }), 409, 'POST /v1/bulkJobs/renameFolder onto an existing folder');
    await fails(ik.folders.rename({ folderPath: `${root}/ren-missing`, newFolderName: 'z' }), 404, 'POST /v1/bulkJobs/renameFolder of a missing folder');
  });

  spec('job.get of an unknown job -> 404', async () => {
    await fails(ik.folders.job.get('000000000000000000000000'), 404, `${JOB} for an unknown job`);
  });
});
