#!/usr/bin/env node
// Compiles every contract in <srcDir> with the pinned solcjs through standard-JSON input,
// because the solcjs CLI cannot set the EVM version. Writes <Name>.abi and <Name>.bin to
// <outDir>. Usage: node scripts/compile.js <srcDir> <outDir> [evmVersion]
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const [srcDir, outDir, evmVersion = 'shanghai'] = process.argv.slice(2);
if (!srcDir || !outDir) {
  console.error('usage: compile.js <srcDir> <outDir> [evmVersion]');
  process.exit(2);
}

const solFiles = fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort();
const stamp = path.join(outDir, '.compiled');
const newestSource = Math.max(...solFiles.map((f) => fs.statSync(path.join(srcDir, f)).mtimeMs));
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === evmVersion
    && fs.statSync(stamp).mtimeMs >= newestSource) {
  console.log(`contracts up to date in ${outDir}`);
  process.exit(0);
}

const sources = {};
for (const file of solFiles) {
  sources[file] = { content: fs.readFileSync(path.join(srcDir, file), 'utf8') };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion,
    viaIR: true,
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

function findImports(importPath) {
  const local = path.join(srcDir, importPath);
  if (fs.existsSync(local)) return { contents: fs.readFileSync(local, 'utf8') };
  return { error: `import not found: ${importPath}` };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const problems = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (problems.length > 0) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
let written = 0;
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, artefact] of Object.entries(contracts)) {
    const bin = artefact.evm.bytecode.object;
    if (!bin) continue; // interfaces and abstract contracts have no bytecode
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(artefact.abi));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), bin);
    written++;
  }
}
fs.writeFileSync(stamp, evmVersion);
console.log(`solc ${solc.version()} (evm ${evmVersion}): ${written} contracts -> ${outDir}`);
