// Checks of the deployment files that no linter makes, run by check-deploy.sh:
//  - every setting the compose file, the Dockerfile and the systemd unit pass (Section__Key) names
//    a real configuration key: its path exists in appsettings.sample.json or the server's
//    appsettings.json (an array index may stand for an element);
//  - no secret-looking value is written into them, and .env.sample leaves every secret empty;
//  - .env.sample lists every ${VARIABLE} the compose file reads;
//  - the image runs as a non-root user, checks /health/ready (which the server maps), has a volume;
//  - the unit keeps its hardening and does not set MemoryDenyWriteExecute (the .NET JIT needs W+X);
//  - the nginx site forwards the client address and scheme and upgrades WebSockets.
// Usage: node check-deploy-files.mjs REPOSITORY_ROOT YAML_MODULE_PATH; prints one line per problem.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [root, yamlModule] = process.argv.slice(2);
const YAML = createRequire(import.meta.url)(yamlModule);
const read = (file) => readFileSync(path.join(root, file), 'utf8');
const problems = [];
const fail = (file, message) => problems.push(`${file}: ${message}`);

const config = [JSON.parse(read('appsettings.sample.json')), JSON.parse(read('src/OnboardingWorkflow.Server/appsettings.json'))];
// Settings of the host rather than of a section; anything else must be Section__Key.
const hostVariables = /^(ASPNETCORE_|DOTNET_)/;
const secretName = /(password|secret|token|apikey|api_key|connectionstring)/i;

function configKeyExists(key) {
  const parts = key.split('__');
  return config.some((tree) => {
    let node = tree;
    for (const part of parts) {
      if (Array.isArray(node) && /^\d+$/.test(part)) { node = node[0]; continue; }
      const match = node && typeof node === 'object' && !Array.isArray(node)
        ? Object.keys(node).find((k) => k.toLowerCase() === part.toLowerCase()) : undefined;
      if (match === undefined) return false;
      node = node[match];
    }
    return true;
  });
}

/** A password inside a value, or a secret setting whose value is not just a ${VARIABLE}. */
function secretProblem(key, value) {
  const text = String(value ?? '').trim();
  if (/password=(?!\$\{)[^;]+/i.test(text)) return true;
  if (/connectionstring/i.test(key)) return false;
  return secretName.test(key) && text !== '' && !/^\$\{[^}]*\}$/.test(text);
}

function checkSetting(file, key, value) {
  if (hostVariables.test(key)) return;
  if (!key.includes('__')) { fail(file, `${key} is not a setting (expected Section__Key)`); return; }
  if (!configKeyExists(key)) fail(file, `${key} names no key of appsettings.sample.json or the server's appsettings.json`);
  if (secretProblem(key, value)) fail(file, `${key} carries a secret-looking value; pass it through a variable`);
}

// compose.yaml
const composeText = read('deploy/docker/compose.yaml');
const compose = YAML.parse(composeText, { merge: true });
const servers = Object.entries(compose.services ?? {}).filter(([, s]) => String(s.build?.dockerfile ?? '').endsWith('deploy/docker/Dockerfile'));
if (servers.length === 0) fail('compose.yaml', 'no service builds deploy/docker/Dockerfile');
for (const profile of ['sqlserver', 'postgres']) {
  if (!servers.some(([, s]) => (s.profiles ?? []).includes(profile))) fail('compose.yaml', `no server service in profile ${profile}`);
}
for (const [name, service] of servers) {
  for (const [key, value] of Object.entries(service.environment ?? {})) checkSetting(`compose.yaml (${name})`, key, value);
  if (!service.healthcheck?.test?.join(' ').includes('/health/ready')) fail('compose.yaml', `${name} has no health check on /health/ready`);
  if (!(service.volumes ?? []).some((v) => String(v).endsWith(':/data'))) fail('compose.yaml', `${name} keeps no volume at /data`);
}
for (const [name, service] of Object.entries(compose.services ?? {})) {
  for (const [key, value] of Object.entries(service.environment ?? {})) {
    if (secretProblem(key, value)) fail(`compose.yaml (${name})`, `${key} is written into the file; pass it through a variable`);
  }
}
const envSample = read('deploy/docker/.env.sample');
const sampleVariables = new Map(envSample.split('\n').filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
for (const [, variable] of composeText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) {
  if (!sampleVariables.has(variable)) fail('.env.sample', `${variable} is read by compose.yaml but not listed`);
}
for (const [variable, value] of sampleVariables) {
  if (secretName.test(variable) && value.trim() !== '') fail('.env.sample', `${variable} has a value; leave secrets empty in the sample`);
}
if (!sampleVariables.has('COMPOSE_PROFILES')) fail('.env.sample', 'COMPOSE_PROFILES (sqlserver or postgres) is not set');

// Dockerfile
const dockerfile = read('deploy/docker/Dockerfile');
const instructions = dockerfile.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const stages = instructions.filter((l) => /^FROM\s/i.test(l));
if (stages.length < 2) fail('Dockerfile', 'not a multi-stage build');
const finalStage = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]));
const users = finalStage.filter((l) => /^USER\s/i.test(l)).map((l) => l.split(/\s+/)[1]);
if (users.length === 0 || /^(root|0)(:|$)/.test(users[users.length - 1])) fail('Dockerfile', 'the final stage does not run as a non-root USER');
if (!finalStage.some((l) => /^HEALTHCHECK\s.*\/health\/ready/i.test(l))) fail('Dockerfile', 'no HEALTHCHECK on /health/ready');
if (!finalStage.some((l) => /^VOLUME\s.*\/data/i.test(l))) fail('Dockerfile', 'no VOLUME for /data');
for (const line of instructions.filter((l) => /^(ENV|ARG)\s/i.test(l))) {
  for (const [, key, value] of line.replace(/^(ENV|ARG)\s+/i, '').matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(\S*)/g)) {
    if (secretName.test(key)) fail('Dockerfile', `${key} is baked into the image`);
    if (/^ENV/i.test(line)) checkSetting('Dockerfile', key, value);
  }
}
if (!read('src/OnboardingWorkflow.Server/Hosting/ServerExtensions.cs').includes('"/health/ready"')) {
  fail('Dockerfile', 'the server maps no /health/ready (src/OnboardingWorkflow.Server/Hosting/ServerExtensions.cs)');
}

// systemd unit
const unit = read('deploy/systemd/onboarding-workflow.service');
const directives = new Map();
for (const line of unit.split('\n')) {
  const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
  if (m) directives.set(m[1], [...(directives.get(m[1]) ?? []), m[2]]);
}
const required = {
  User: /^onboarding$/, NoNewPrivileges: /^yes$/, ProtectSystem: /^strict$/, ProtectHome: /^yes$/, PrivateTmp: /^yes$/,
  ReadWritePaths: /^\/var\/lib\/onboarding-workflow$/, CapabilityBoundingSet: /^$/, RestrictAddressFamilies: /AF_INET/,
  SystemCallFilter: /^@system-service$/, EnvironmentFile: /^\/etc\/onboarding-workflow\/env$/, WorkingDirectory: /^\/var\/lib\/onboarding-workflow$/,
};
for (const [key, pattern] of Object.entries(required)) {
  if (!(directives.get(key) ?? []).some((v) => pattern.test(v))) fail('onboarding-workflow.service', `${key}= is missing or not ${pattern}`);
}
if ((directives.get('MemoryDenyWriteExecute') ?? []).some((v) => /^(yes|true|1)$/i.test(v))) {
  fail('onboarding-workflow.service', 'MemoryDenyWriteExecute=yes stops the .NET JIT');
}
for (const value of directives.get('Environment') ?? []) {
  const [key, ...rest] = value.replace(/^"|"$/g, '').split('=');
  checkSetting('onboarding-workflow.service', key, rest.join('='));
}
const dataDirectory = (directives.get('Environment') ?? []).find((v) => v.startsWith('Database__DataDirectory='));
if (dataDirectory?.split('=')[1] !== '/var/lib/onboarding-workflow') fail('onboarding-workflow.service', 'Database__DataDirectory is not the ReadWritePaths directory');

// nginx site
const nginx = read('deploy/nginx/onboarding-workflow.conf');
for (const [what, pattern] of [
  ['X-Forwarded-For', /proxy_set_header\s+X-Forwarded-For\s+\$remote_addr;/],
  ['X-Forwarded-Proto', /proxy_set_header\s+X-Forwarded-Proto\s+\$scheme;/],
  ['the WebSocket Upgrade header', /proxy_set_header\s+Upgrade\s+\$http_upgrade;/],
  ['the Connection header', /proxy_set_header\s+Connection\s+\$\w+;/],
  ['proxy_read_timeout', /proxy_read_timeout\s+\d+s;/],
  ['HTTP/1.1 to the server', /proxy_http_version\s+1\.1;/],
]) {
  if (!pattern.test(nginx)) fail('onboarding-workflow.conf', `does not set ${what}`);
}

for (const problem of problems) console.log(problem);
process.exit(problems.length === 0 ? 0 : 1);
