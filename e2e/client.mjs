// join-mcp through the official TypeScript SDK client (@modelcontextprotocol/sdk),
// which validates every structuredContent against the tool's outputSchema and
// rejects a tool list with a bad schema.
//
//   node client.mjs --transport stdio --bin ./join-mcp        (spawns BIN --sandbox)
//   node client.mjs --transport http  --url http://127.0.0.1:PORT/mcp [--stateless]
//   node client.mjs --transport sse   --url http://127.0.0.1:PORT/sse
//
// --tools N (or EXPECT_TOOLS) is the tool count the server must list. Needs a
// fresh sandbox: it changes the status of two OFFLINE jobs. Exits 1 on the
// first failed assertion.
import assert from 'node:assert/strict';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const { values: opt } = parseArgs({
  options: {
    transport: { type: 'string' },
    url: { type: 'string' },
    bin: { type: 'string' },
    stateless: { type: 'boolean', default: false },
    tools: { type: 'string', default: process.env.EXPECT_TOOLS ?? '' },
  },
});
const label = opt.transport + (opt.stateless ? ' (stateless)' : '');
const expectTools = Number(opt.tools);
// Where the server has no channel for a server-initiated request it proceeds
// on confirm=true without asking: stateless HTTP (documented in
// mcpserver/http.go) and legacy SSE (mcp-go v1.6.0's SSE session does not
// implement SessionWithElicitation). If either starts asking, this fails and
// the expectation should move.
const canElicit = !opt.stateless && opt.transport !== 'sse';

function transport() {
  switch (opt.transport) {
    case 'stdio':
      return new StdioClientTransport({ command: opt.bin, args: ['--sandbox', '--log-level', 'warn'], stderr: 'inherit' });
    case 'http':
      return new StreamableHTTPClientTransport(new URL(opt.url));
    case 'sse':
      return new SSEClientTransport(new URL(opt.url));
    default:
      throw new Error(`--transport must be stdio, http or sse, not ${opt.transport}`);
  }
}

const client = new Client({ name: 'join-mcp-e2e', version: '1.0.0' }, { capabilities: { elicitation: {} } });
let answer = 'accept';
const elicitations = [];
client.setRequestHandler(ElicitRequestSchema, async (req) => {
  elicitations.push(req.params);
  return answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: answer };
});

let passed = 0;
async function step(name, fn) {
  const t0 = performance.now();
  try {
    await fn();
  } catch (err) {
    console.log(`FAIL [${label}] ${name}: ${err?.stack ?? err}`);
    await client.close().catch(() => {});
    process.exit(1);
  }
  passed++;
  console.log(`ok   [${label}] ${name} (${(performance.now() - t0).toFixed(0)} ms)`);
}

// callTool through the SDK (which validates structuredContent against the
// output schema), plus the checks every join-mcp result must pass.
async function call(name, args) {
  const res = await client.callTool({ name, arguments: args });
  if (!res.isError) {
    assert.ok(res.structuredContent && typeof res.structuredContent === 'object', `${name}: no structuredContent`);
    const text = res.content.find((c) => c.type === 'text');
    assert.ok(text, `${name}: no text content`);
    assert.deepEqual(JSON.parse(text.text), res.structuredContent, `${name}: text is not the structuredContent JSON`);
  }
  return res;
}

const errorText = (res) => res.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');

await step('connect + initialize', async () => {
  await client.connect(transport());
  const v = client.getServerVersion();
  assert.equal(v?.name, 'join-mcp');
  assert.ok(client.getServerCapabilities()?.tools, 'tools capability not declared');
});

let tools = [];
await step('tools/list: every tool has an object outputSchema, title and annotations', async () => {
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  assert.ok(tools.length >= 27, `only ${tools.length} tools`);
  if (expectTools) assert.equal(tools.length, expectTools, 'tool count differs from `join-mcp tools`');
  for (const t of tools) {
    assert.match(t.name, /^[A-Za-z0-9_.-]{1,64}$/);
    assert.equal(t.inputSchema?.type, 'object', `${t.name}: inputSchema root is not an object`);
    assert.equal(t.outputSchema?.type, 'object', `${t.name}: outputSchema root is not an object`);
    assert.ok(t.title || t.annotations?.title, `${t.name}: no title`);
    for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint']) {
      assert.equal(typeof t.annotations?.[hint], 'boolean', `${t.name}: annotation ${hint} not set`);
    }
  }
  const names = new Set(tools.map((t) => t.name));
  for (const n of ['join_list_jobs', 'join_get_job', 'join_update_job_status', 'join_get_attachment', 'join_get_application_file']) {
    assert.ok(names.has(n), `${n} missing`);
  }
});

let offline = [];
await step('join_list_jobs (read)', async () => {
  const res = await call('join_list_jobs', { status: 'OFFLINE', pageSize: 50 });
  assert.equal(res.isError, undefined);
  offline = res.structuredContent.items;
  assert.ok(offline.length >= 2, 'need two OFFLINE jobs in the sandbox');
  assert.ok(offline.every((j) => j.status === 'OFFLINE'));
});

const jobStatus = async (jobId) => (await call('join_get_job', { jobId })).structuredContent.status;

await step('join_get_job (get)', async () => {
  const res = await call('join_get_job', { jobId: offline[0].id });
  assert.equal(res.structuredContent.id, offline[0].id);
  assert.equal(res.structuredContent.title, offline[0].title);
});

await step('join_update_job_status without confirm: preview only', async () => {
  const res = await call('join_update_job_status', { jobId: offline[0].id, status: 'ONLINE' });
  assert.equal(res.structuredContent.status, 'needs_confirmation');
  assert.ok(res.structuredContent.preview, 'no preview');
  assert.equal(elicitations.length, 0, 'asked the user without confirm');
  assert.equal(await jobStatus(offline[0].id), 'OFFLINE');
});

await step(`confirm=true, elicitation accepted: ${canElicit ? 'asks, then done' : 'no channel to ask: done on the flag'}`, async () => {
  answer = 'accept';
  const res = await call('join_update_job_status', { jobId: offline[0].id, status: 'ONLINE', confirm: true });
  assert.equal(res.structuredContent.status, 'done', JSON.stringify(res.structuredContent));
  assert.equal(elicitations.length, canElicit ? 1 : 0, 'elicitation requests');
  if (canElicit) {
    assert.equal(elicitations[0].requestedSchema?.type, 'object');
    assert.ok(elicitations[0].message.includes(String(offline[0].id)), 'form message does not name the job');
  }
  assert.equal(await jobStatus(offline[0].id), 'ONLINE');
});

await step(`confirm=true, elicitation declined: ${canElicit ? 'cancelled, nothing written' : 'not asked: done on the flag'}`, async () => {
  answer = 'decline';
  elicitations.length = 0;
  const res = await call('join_update_job_status', { jobId: offline[1].id, status: 'ONLINE', confirm: true });
  assert.equal(res.structuredContent.status, canElicit ? 'cancelled' : 'done', JSON.stringify(res.structuredContent));
  assert.equal(elicitations.length, canElicit ? 1 : 0, 'elicitation requests');
  assert.equal(await jobStatus(offline[1].id), canElicit ? 'OFFLINE' : 'ONLINE');
});

await step('join_get_attachment + join_get_application_file: embedded resource blob', async () => {
  const apps = (await call('join_list_applications', { pageSize: 20 })).structuredContent.items;
  const app = apps.find((a) => a.attachmentCount > 0);
  assert.ok(app, 'no application with attachments');
  const full = (await call('join_get_application', { applicationId: app.id })).structuredContent;
  const fileId = full.attachments?.[0]?.id;
  assert.ok(fileId, 'application has no attachments[].id');
  for (const [tool, args] of [['join_get_attachment', { attachmentId: fileId }], ['join_get_application_file', { fileId }]]) {
    const res = await call(tool, args);
    assert.notEqual(res.isError, true, errorText(res));
    const blob = res.content.find((c) => c.type === 'resource')?.resource;
    assert.ok(blob?.blob, `${tool}: no embedded resource with a blob`);
    assert.ok(blob.mimeType, `${tool}: blob has no mimeType`);
    const bytes = Buffer.from(blob.blob, 'base64');
    assert.ok(bytes.length > 0);
    if (typeof res.structuredContent.size === 'number') assert.equal(bytes.length, res.structuredContent.size, `${tool}: size`);
    if (blob.mimeType === 'application/pdf') assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  }
});

await step('bad arguments: tool error (isError), not a protocol error', async () => {
  const wrongType = await call('join_get_job', { jobId: 'abc' });
  assert.equal(wrongType.isError, true);
  assert.match(errorText(wrongType), /jobId/);
  const missing = await call('join_get_attachment', {});
  assert.equal(missing.isError, true);
  assert.match(errorText(missing), /attachmentId/);
  const notFound = await call('join_get_job', { jobId: 999999 });
  assert.equal(notFound.isError, true);
});

// Prompts, resources and completions, where the server declares them.
const caps = client.getServerCapabilities();
if (caps.prompts) {
  await step('prompts/list + prompts/get', async () => {
    const { prompts } = await client.listPrompts();
    assert.ok(prompts.length > 0, 'prompts capability declared but no prompts');
    for (const p of prompts) assert.ok(p.name && p.description, `prompt ${p.name}: name and description`);
    const p = prompts.find((p) => p.arguments?.some((a) => a.name === 'jobId')) ?? prompts[0];
    const args = Object.fromEntries((p.arguments ?? []).filter((a) => a.required).map((a) => [a.name, a.name === 'jobId' ? '3001' : 'x']));
    const got = await client.getPrompt({ name: p.name, arguments: args });
    assert.ok(got.messages.length > 0, `${p.name}: no messages`);
  });
}
if (caps.completions && caps.prompts) {
  await step('completion/complete of a prompt argument (jobId) and of an unknown prompt', async () => {
    const { prompts } = await client.listPrompts();
    const p = prompts.find((p) => p.arguments?.some((a) => a.name === 'jobId'));
    assert.ok(p, 'no prompt takes a jobId');
    const { completion } = await client.complete({ ref: { type: 'ref/prompt', name: p.name }, argument: { name: 'jobId', value: '300' } });
    assert.ok(completion.values.length > 0, 'no completions for jobId 300…');
    assert.ok(completion.values.every((v) => v.startsWith('300')), completion.values.join(', '));
    // mcp-go v1.6.0 reports any completion error as an internal error, so
    // join-mcp answers an unknown prompt with no values instead.
    const unknown = await client.complete({ ref: { type: 'ref/prompt', name: 'no_such_prompt' }, argument: { name: 'x', value: '' } });
    assert.deepEqual(unknown.completion.values, []);
  });
}
if (caps.resources) {
  await step('resources/list + resources/templates/list + resources/read', async () => {
    const { resources } = await client.listResources();
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.ok(resources.length + resourceTemplates.length > 0, 'resources capability declared but nothing listed');
    for (const r of resources) assert.ok(r.uri && r.name, `resource ${r.uri}: uri and name`);
    if (resources.length) {
      const read = await client.readResource({ uri: resources[0].uri });
      assert.ok(read.contents.length > 0 && (read.contents[0].text || read.contents[0].blob), `${resources[0].uri}: empty`);
    }
  });
}

await step('close', async () => {
  if (opt.transport === 'http' && !opt.stateless) await client.transport.terminateSession();
  await client.close();
});
console.log(`TS SDK [${label}]: ${passed} passed, 0 failed`);
