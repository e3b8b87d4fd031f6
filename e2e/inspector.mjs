// Smoke test of join-mcp through the MCP Inspector CLI (@modelcontextprotocol/inspector):
//
//   node inspector.mjs --label stdio -- ./join-mcp --sandbox
//   node inspector.mjs --label http  -- http://127.0.0.1:PORT/mcp
//
// Everything after -- is the Inspector's target (a command for stdio, a URL for
// HTTP). --tools N (or EXPECT_TOOLS) is the tool count the server must list.
// Over HTTP the server must be a fresh sandbox: job 3007 (seeded OFFLINE) goes
// ONLINE. The Inspector has no elicitation, so confirm=true proceeds on the flag.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opt, positionals: target } = parseArgs({
  allowPositionals: true,
  options: {
    label: { type: 'string', default: 'inspector' },
    tools: { type: 'string', default: process.env.EXPECT_TOOLS ?? '' },
  },
});
const isHTTP = /^https?:/.test(target[0] ?? '');
// Run with this Node (22), not whichever `node` the bin's shebang finds.
const bin = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '.bin', 'inspector');
const JOB = 3007; // seeded OFFLINE: joinclient/jointest/seed.go

function inspector(args, wantExit = 0) {
  const argv = ['--cli', ...args, '--format', 'json', '-q', ...target];
  const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  if (r.error) throw r.error;
  assert.equal(r.status, wantExit, `inspector ${argv.join(' ')} exited ${r.status}, want ${wantExit}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return { out: r.stdout.trim() ? JSON.parse(r.stdout) : null, err: r.stderr };
}
const callTool = (name, args, wantExit) =>
  inspector(['--method', 'tools/call', '--tool-name', name, '--tool-args-json', JSON.stringify(args)], wantExit);

let passed = 0;
function step(name, fn) {
  const t0 = performance.now();
  try {
    fn();
  } catch (err) {
    console.log(`FAIL [inspector ${opt.label}] ${name}: ${err?.message ?? err}`);
    process.exit(1);
  }
  passed++;
  console.log(`ok   [inspector ${opt.label}] ${name} (${(performance.now() - t0).toFixed(0)} ms)`);
}

step('tools/list', () => {
  const tools = inspector(['--method', 'tools/list']).out.result.tools;
  assert.ok(tools.length >= 27, `only ${tools.length} tools`);
  if (opt.tools) assert.equal(tools.length, Number(opt.tools), 'tool count differs from `join-mcp tools`');
  assert.ok(tools.every((t) => t.outputSchema?.type === 'object'), 'a tool without an object outputSchema');
});

step('tools/call join_list_jobs (read)', () => {
  const res = callTool('join_list_jobs', { status: 'ONLINE', pageSize: 5 }).out.result;
  assert.notEqual(res.isError, true);
  const items = res.structuredContent.items;
  assert.equal(items.length, 5);
  assert.ok(items.every((j) => j.status === 'ONLINE'));
});

step(`join_update_job_status ${JOB} ONLINE without confirm: needs_confirmation`, () => {
  const res = callTool('join_update_job_status', { jobId: JOB, status: 'ONLINE' }).out.result;
  assert.equal(res.structuredContent.status, 'needs_confirmation');
  assert.match(res.structuredContent.preview.action, /OFFLINE to ONLINE/);
});

step(`join_update_job_status ${JOB} ONLINE with confirm=true: done`, () => {
  const res = callTool('join_update_job_status', { jobId: JOB, status: 'ONLINE', confirm: true }).out.result;
  assert.equal(res.structuredContent.status, 'done', JSON.stringify(res.structuredContent));
  if (isHTTP) {
    // Over stdio every Inspector call starts a new sandbox; over HTTP the change stays.
    assert.equal(callTool('join_get_job', { jobId: JOB }).out.result.structuredContent.status, 'ONLINE');
  }
});

step('bad arguments: exit 5, tool_is_error', () => {
  const { err } = callTool('join_get_job', { jobId: 'abc' }, 5);
  assert.match(err, /tool_is_error/);
});

step('schemas lint clean (inspector --strict: no errors, no warnings)', () => {
  const argv = ['--cli', '--method', 'tools/list', '--strict', '--format', 'json', ...target];
  const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  assert.equal(r.status, 0, `inspector --strict exited ${r.status}:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /^(Warning|Error):/m, `inspector --strict found problems:\n${r.stderr}`);
});

console.log(`Inspector [${opt.label}]: ${passed} passed, 0 failed`);
