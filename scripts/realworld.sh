#!/usr/bin/env bash
# Compiles real open-source TypeScript projects with plain tspc and with
# spanweave (functions: "all"), runs each project's own test suite on the
# plain build, on the spanweave build with tracing off and with tracing on,
# and compares the results and the emitted .d.ts files. Not part of `npm test`:
# it downloads the projects and their test runners. See docs/realworld.md.
#
#   npm run build && scripts/realworld.sh [project...]   (default: every project)
#   scripts/realworld.sh --js [project...]   the JS instrumenter instead: plain tspc, then
#     `spanweave instrument out` on a copy, then the same suites (plain, js-off, js-on)
#   scripts/realworld.sh --build-time [project...]   no tests: the CPU time (user+sys) of
#     tsc, tspc and tspc with spanweave (its default options, and the project's) on each project, RW_RUNS (default 3) interleaved runs,
#     the median, as a markdown table row per project (docs/transformer.md "On real projects")
#
# RW_WORK: scratch folder (default /tmp/spanweave-realworld), outside the repo.
# RW_MIRROR: a folder of <owner>+<name>/repo git mirrors to read instead of cloning.
# RW_SPANS=1: the tracing-on run also records its HTTP client and server spans in
#   $WORK/<name>/spans.jsonl, summed up in spans.txt (scripts/realworld-spans-*.js).
# RW_TYPESCRIPT, RW_TS_PATCH: build with these versions of typescript and ts-patch (5.2 to 5.9 with
#   ts-patch 3, say) instead of spanweave's own; give each pair its own RW_WORK.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${RW_WORK:-/tmp/spanweave-realworld}

# name  owner/repo  commit
PROJECTS=(
  "async-mutex DirtyHairy/async-mutex b0bb4c5aa0e42eb5ffc8d9342e56bb6de1b95554"
  "neverthrow supermacro/neverthrow 5ef3a018bda74fb960e44b68fc3672635ee8037d"
  "superstruct ianstormtaylor/superstruct e414c8afd3b69f6bc0173b8ee25f71d8e5694f01"
  "tsyringe microsoft/tsyringe e033769d97cfb6cc4a8569e2b50eb32015453302"
  "p-queue sindresorhus/p-queue 180ab9e25cd10b6f548767d7176076b50d25e188"
  "hono-node-server honojs/node-server 3b1dd6875812e0b5aee43ec3fac66c191fd6251f"
  "streaming-iterables reconbot/streaming-iterables e587367e1ba4be121179095f12585c95e557376b"
  "ky sindresorhus/ky 3419113b48e034fdcf8fa6bd3be3da7b3d0d758f"
  "inversify inversify/InversifyJS 171131526b10277fb496fbd6343e01570bdc5d30"
  "rxjs ReactiveX/rxjs e5351d02e225e275ac0e497c7b66eaa5f0c88791"
  "signal-utils proposal-signals/signal-utils 1b9b4be1d702e5627375d5ec6168eeaefec9c338"
  "zod colinhacks/zod ca42965df46b2f7e2747db29c40a26bcb32a51d5"
  "immer immerjs/immer 061c2425e1c9dff89e4e4189d42af1b7839dfe0a"
  "fp-ts gcanti/fp-ts e91bde112e0a2a4e617e8fc7f7a62ea4c10ba404"
  "ofetch unjs/ofetch 6e6bd860717c4ff32a0670ec3a7f488c28cdf76d"
  "got sindresorhus/got de19b463b1875847f955a53d2f5b0a539ed0ded3"
  "express-openapi-validator cdimascio/express-openapi-validator c17d005f1e467bac1461e91c535a37a34bb10e32"
  "wretch elbywan/wretch 32d5f68badf7e8f103b734febe680968c6e0f97f"
  "graphql-js graphql/graphql-js a7db60beb22b0e417f9ed12215945c7fcb43246e"
  "remeda remeda/remeda 3b72f9fb6e5174243954467186301d352b742699"
  "yup jquense/yup ff31eee8a2b10c938bb3a22544d9e33957a8cf01"
  "ixjs ReactiveX/IxJS b8890f1010347ac2242398801d1405e51a4d3396"
  "routing-controllers typestack/routing-controllers 4cb8880050baeb40c0f96e019db5f4566be86baa"
  "class-validator typestack/class-validator adffae38b02abb1cc32ecb931810177250c6f8d2"
  "date-fns date-fns/date-fns 313b902b9a72c64501074db9bc2b9897d2db5140"
  "mobx mobxjs/mobx 96ddd319bc1b82924ecfb3b28a2d50458521a21b"
  "mobx-stage3 mobxjs/mobx 96ddd319bc1b82924ecfb3b28a2d50458521a21b"
  "lru-cache isaacs/node-lru-cache e787b9f77770d696328dca3e964b85e7f8e8aac1"
  "hono honojs/hono 0293343dbf8f0bca52b210a98bcef31cc61395ee"
  "octokit-request octokit/request.js 554e1029c40181a73939e6e9c265a72c7cf510ad"
  "yaml eemeli/yaml ddb21b04cb889722cec8f89dc1b67f19d62d7f7d"
  "class-transformer typestack/class-transformer 9c9012f1bfe720d5f0d5252e93b331aaf5fe9e4e"
  "awilix jeffijoe/awilix 0289c71f3c6310d30ccf439e151d712b96de9a54"
  "ajv ajv-validator/ajv 9050ba1359fb87cd7c143f3c79513ea7624ea443"
  "chevrotain Chevrotain/chevrotain 462f1bc1189c4b5090f4c995a1577d03fb639f41"
  "engine-io socketio/socket.io d2d753fed4435015c2d83fe62e676b44e07fa3f7"
  "socket-io socketio/socket.io d2d753fed4435015c2d83fe62e676b44e07fa3f7"
  "nestjs-throttler nestjs/throttler 5936ae995ecf620f501e9cd0ce9b0734d20ea6a7"
  "zustand pmndrs/zustand f094eebe9bd3b4b0d77b997f69ab1d273f69a877"
  "vue-reactivity vuejs/core e2bede96134f757aad5c5b33ac9be055022dbfc8"
  "vue-core vuejs/core e2bede96134f757aad5c5b33ac9be055022dbfc8"
  "vue-core-es2022 vuejs/core e2bede96134f757aad5c5b33ac9be055022dbfc8"
  "xstate statelyai/xstate b1811bf77bc2d1a74367328cec7907aa185b70df"
  "ioredis redis/ioredis dfd542824dfb7168420f19fdfabe9fe1156efe10"
  "effect Effect-TS/effect 1144032cedda7b5eacc1ebf980d06957c7a59ddf"
  "tanstack-query-core TanStack/query 40321a0b1b3bdd0afa11f0e439642ab84cdf6afe"
  "es-toolkit toss/es-toolkit a1918b04e0e46e70000e0b6b048f1aabaafc1afb"
  "jotai pmndrs/jotai 1fae77247ae72ab5f2f002dc82a876e61ce26f56"
  "valibot fabian-hiller/valibot a14753beaa2e968190717ebfe5f778e5e32c1e08"
  "piscina piscinajs/piscina 4e9791fd46b61c638e7ad05f14ec4540d40898aa"
  "axios-retry softonic/axios-retry dd9b700dfbe51ba2962e70e7822734e3e74613c8"
  "h3 unjs/h3 89265ec4cc37f65f5bf903c2b993fde3e6e69048"
  "cockatiel connor4312/cockatiel f475a690eedbb9dc7e495b6e4b0f42105c195ec3"
  "typebox sinclairzx81/typebox e0ec98c9dbbf6f6b8777f121a2da38f2d09cf2ed"
  "mqtt mqttjs/MQTT.js ab2ed39e306c5be18e2ac73c05f758f677a1a0c6"
)

# The test runners and the projects' test-only dependencies, shared by all
# projects through $WORK/node_modules.
TOOLS=(mocha@10 @types/mocha@10 @sinonjs/fake-timers@11 @types/sinonjs__fake-timers@8 vitest@2
  sinon-chai@3 @types/sinon-chai@3 form-data@3 web-streams-polyfill@3
  jest@29 @types/jest@29 reflect-metadata@0.1 tslib@2 lodash@4 @types/lodash@4 testdouble@3.20.2
  ts-toolbelt@9.6.0 @types/node@20 eventemitter3@5 p-timeout@7 delay@6 in-range@3 p-defer@4 random-int@3
  time-span@5 hono@4.12.8 ws@8.19.0 @types/ws@8.18.1 @whatwg-node/fetch@0.9.23
  chai@4 @types/chai@4 sinon@17 @types/sinon@17
  signal-polyfill@0.2 deep-freeze@0.0.1 redux@4 type-plus@7 fast-check@3 glob@7 @types/glob@7
  destr@2 node-fetch-native@1.6 ufo@1 h3@1.13 listhen@1.9 std-env@3 ava@6 express@5 @types/express@5 busboy@1 @types/busboy@1 expect-type@1 jest-leak-detector@30 playwright@1)

install_tools() {
  mkdir -p "$WORK"
  local ts patch
  # The same compiler as spanweave's own unless asked for another (an empty version would install the newest).
  ts=${RW_TYPESCRIPT:-$(node -p "require('$ROOT/node_modules/typescript/package.json').version")} || return 1
  patch=${RW_TS_PATCH:-$(node -p "require('$ROOT/node_modules/ts-patch/package.json').version")} || return 1
  local wanted="${TOOLS[*]} typescript@$ts ts-patch@$patch"
  # Reinstall when the list changes, so an old scratch folder gets new tools.
  [ "$(cat "$WORK/tools.txt" 2>/dev/null)" = "$wanted" ] && return
  echo '{ "name": "spanweave-realworld", "private": true }' > "$WORK/package.json"
  (cd "$WORK" && npm install --no-audit --no-fund --silent "${TOOLS[@]}" "typescript@$ts" "ts-patch@$patch") \
    && echo "$wanted" > "$WORK/tools.txt"
}

# tools_<name> lists what a project needs in another version than the shared
# tools (its test runner's major version, or its own dependencies' versions: see
# own_deps): they go to $WORK/<name>/node_modules, which its builds' files find
# before $WORK/node_modules.
install_project_tools() { # name
  declare -F "tools_${1//-/_}" > /dev/null || return 0
  local dir=$WORK/$1 list
  list=$("tools_${1//-/_}")
  [ "$(cat "$dir/tools.txt" 2>/dev/null)" = "$list" ] && return
  mkdir -p "$dir" && echo "{ \"name\": \"spanweave-realworld-$1\", \"private\": true }" > "$dir/package.json"
  # shellcheck disable=SC2086 # the list is words
  (cd "$dir" && npm install --no-audit --no-fund --silent $list) && echo "$list" > "$dir/tools.txt"
}

own_deps() { # name skipped...: the dependencies and dev dependencies of its package.json, but the skipped ones
  node -e '
    const pkg = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = new Set(process.argv.slice(2));
    for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }))
      if (!skipped.has(name)) console.log(`${name}@${range}`);
  ' "$WORK/$1/tree/package.json" "${@:2}"
}

checkout() { # name owner/repo commit: the project's files in $WORK/<name>/tree
  local name=$1 repo=$2 commit=$3 tree=$WORK/$1/tree
  rm -rf "$tree" && mkdir -p "$tree"
  local mirror=${RW_MIRROR:-/nonexistent}/${repo/\//+}/repo
  if [ ! -d "$mirror" ]; then
    mirror=$WORK/$name/clone
    [ -d "$mirror" ] || git clone --quiet --bare "https://github.com/$repo.git" "$mirror"
  fi
  # archive_paths_<name>: the folders it needs (git pathspecs), where not the whole commit
  local paths=()
  declare -F "archive_paths_${name//-/_}" > /dev/null && read -ra paths <<<"$("archive_paths_${name//-/_}")"
  git -C "$mirror" archive "$commit" "${paths[@]}" | tar -x -C "$tree"
}

# config_<name> prints the tsconfig that builds the project's sources and tests
# into out/ and types/ (its own compiler options where they work outside its toolchain);
# suite_<name> runs its test suite on out/, from the variant's folder.

config_async_mutex() {
  echo '{ "compilerOptions": { "module": "commonjs", "target": "es5", "lib": ["es6"], "moduleResolution": "node",
    "strict": true, "importHelpers": true, "esModuleInterop": false, "declaration": true, "types": ["node", "mocha"] },
    "include": ["src/**/*.ts", "test/**/*.ts"] }'
}
suite_async_mutex() { node "$WORK/node_modules/mocha/bin/mocha.js" --no-config --ui tdd --reporter dot 'out/test/*.js'; }

config_neverthrow() {
  echo '{ "compilerOptions": { "module": "esnext", "target": "es2016", "lib": ["dom", "es2016", "es2017.object"],
    "moduleResolution": "node", "strictNullChecks": true, "strictFunctionTypes": true, "noImplicitAny": true,
    "declaration": true, "downlevelIteration": true, "skipLibCheck": true, "esModuleInterop": true, "types": ["node"] },
    "include": ["src/**/*.ts", "tests/index.test.ts", "tests/safe-try.test.ts"] }'
}
suite_neverthrow() { node "$WORK/node_modules/vitest/vitest.mjs" run --root out --reporter dot; }

config_superstruct() {
  echo '{ "compilerOptions": { "module": "esnext", "target": "es2020", "lib": ["esnext"], "moduleResolution": "node",
    "strict": true, "esModuleInterop": true, "declaration": true, "skipLibCheck": true, "types": ["node"] },
    "include": ["src/**/*.ts", "test/**/*.test.ts", "test/validation/**/*.ts", "test/api/**/*.ts"] }'
}
suite_superstruct() { node "$WORK/node_modules/vitest/vitest.mjs" run --root out --reporter dot; }

config_tsyringe() {
  echo '{ "compilerOptions": { "module": "commonjs", "target": "es2015", "moduleResolution": "node", "strict": true,
    "importHelpers": true, "experimentalDecorators": true, "emitDecoratorMetadata": true, "declaration": true,
    "types": ["node", "jest"] },
    "include": ["src/**/*.ts", "test/jest.setup.ts"] }'
}
suite_tsyringe() {
  node "$WORK/node_modules/jest/bin/jest.js" --rootDir out --ci --setupFilesAfterEnv ./test/jest.setup.js \
    --testPathIgnorePatterns /fixtures/ /utils/ --testMatch '**/__tests__/**/*.test?(s).js'
}

config_p_queue() {
  echo '{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "lib": ["es2022"],
    "strict": true, "declaration": true, "skipLibCheck": true, "types": ["node"] },
    "include": ["source/**/*.ts", "test/**/*.ts"] }'
}
suite_p_queue() { node --test out/test/*.js; }

config_hono_node_server() {
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "es2022", "strict": true,
    "esModuleInterop": true, "declaration": true, "types": ["node", "vitest/globals"] },
    "include": ["src/**/*.ts", "test/**/*.ts"] }'
}
suite_hono_node_server() { # its vitest.config.ts, for out/; the static-file tests read out/test/assets
  ln -sfn ../../test/assets out/test/assets
  echo 'export default { test: { root: "out", include: ["test/**/*.test.js"], globals: true,
    setupFiles: ["./test/setup.js"], poolOptions: { forks: { execArgv: ["--expose-gc"] } } } }' > vitest.realworld.mjs
  # As root, chmod cannot make a file unreadable, so that one test cannot pass in any build.
  local skip=()
  [ "$(id -u)" = 0 ] && skip=(--testNamePattern '^(?!.*read permission errors)')
  node "$WORK/node_modules/vitest/vitest.mjs" run --config vitest.realworld.mjs --reporter dot "${skip[@]}"
}

config_streaming_iterables() { # commonjs, as its tests run under ts-node
  echo '{ "compilerOptions": { "module": "commonjs", "target": "es2020", "lib": ["es2020"], "moduleResolution": "node",
    "strict": true, "noImplicitAny": false, "useUnknownInCatchVariables": false, "esModuleInterop": true,
    "declaration": true, "types": ["node"] },
    "include": ["lib/*.ts"] }'
}
suite_streaming_iterables() { node --test out/lib/*-test.js; }

config_ky() { # @sindresorhus/tsconfig's settings, spelled out
  echo '{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022",
    "lib": ["es2023", "dom", "dom.iterable"], "strict": true, "exactOptionalPropertyTypes": true,
    "declaration": true, "skipLibCheck": true, "types": ["node"] },
    "include": ["source/**/*.ts", "test/**/*.ts"] }'
}
suite_ky() { # ava on out/; the browser tests need playwright's browsers, which are not installed
  node -e 'const fs = require("fs"); const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")); delete pkg.ava;
    fs.writeFileSync("package.json", JSON.stringify(pkg))'
  echo 'export default { files: ["out/test/*.js", "!out/test/browser.js", "!out/test/with-page.js"], workerThreads: false }' \
    > ava.config.mjs
  # One test at a time: run concurrently on a loaded machine, its timeout tests fail at random in every build.
  node "$WORK/node_modules/ava/entrypoints/cli.mjs" --serial --concurrency 1
}

config_inversify() { # its tsconfig.json (v6.0.3): legacy decorators with metadata, es5
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es5", "lib": ["esnext", "dom"],
    "strict": true, "experimentalDecorators": true, "emitDecoratorMetadata": true, "esModuleInterop": true,
    "exactOptionalPropertyTypes": true, "noUncheckedIndexedAccess": true, "noImplicitOverride": true,
    "resolveJsonModule": true, "preserveConstEnums": true, "removeComments": true, "skipLibCheck": true,
    "declaration": true, "types": ["mocha", "reflect-metadata", "node"] },
    "include": ["src/**/*.ts", "test/**/*.ts"] }'
}
suite_inversify() { # its npm test on out/, without nyc; its --retries 3 is kept for its timed performance tests
  node "$WORK/node_modules/mocha/bin/mocha.js" --no-config --require "$WORK/node_modules/reflect-metadata/Reflect.js" \
    --reporter dot --retries 3 --exit 'out/test/**/*.test.js'
}

config_rxjs() { # its tsconfig.json and tsconfig.mocha.json (es2015), its path mappings for the rxjs/* imports
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2015", "lib": ["esnext", "dom"],
    "strict": true, "noImplicitReturns": true, "esModuleInterop": false, "removeComments": true, "preserveConstEnums": true,
    "skipLibCheck": true, "declaration": true, "types": ["node", "mocha"],
    "paths": { "rxjs": ["./src/index"], "rxjs/operators": ["./src/operators/index"], "rxjs/testing": ["./src/testing/index"],
      "rxjs/ajax": ["./src/ajax/index"], "rxjs/webSocket": ["./src/webSocket/index"], "rxjs/fetch": ["./src/fetch/index"],
      "rxjs/internal/*": ["./src/internal/*"] } },
    "include": ["src/**/*.ts", "spec/**/*.ts"] }'
}
suite_rxjs() { # its mocha set-up on out/, one process per spec file: a late failure in one file ends a whole run early
  cp tsconfig.json out/ && mkdir -p out/spec/support && cp spec/support/mocha-path-mappings.js out/spec/support/
  local file result passing failing total_passing=0 total_failing=0
  for file in $(cd out && find spec -name '*-spec.js' | sort); do
    result=$(node --expose-gc "$WORK/node_modules/mocha/bin/mocha.js" --no-config --require ./out/spec/support/mocha-path-mappings.js \
      --require ./out/spec/helpers/setup.js --ui ./out/spec/helpers/testScheduler-ui.js --reporter dot --timeout 5000 --exit "out/$file" 2>&1)
    passing=$(grep -oE '[0-9]+ passing' <<<"$result" | grep -oE '[0-9]+')
    failing=$(grep -oE '[0-9]+ failing' <<<"$result" | grep -oE '[0-9]+')
    total_passing=$((total_passing + ${passing:-0})) total_failing=$((total_failing + ${failing:-0}))
    echo "$file: ${passing:-0} ok, ${failing:-0} not ok"
    [ -z "$failing" ] || grep -E -A3 '^ +[0-9]+\) ' <<<"$result"
    grep 'spanweave: fault' <<<"$result"
  done
  echo "$total_passing passing"
  echo "$total_failing failing"
  [ "$total_failing" = 0 ]
}

config_signal_utils() { # @tsconfig/strictest as it extends it, emitting JavaScript; standard decorators
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "es2022", "lib": ["esnext", "dom"],
    "strict": true, "exactOptionalPropertyTypes": true, "noUncheckedIndexedAccess": true, "noImplicitOverride": true,
    "noImplicitReturns": true, "verbatimModuleSyntax": true, "rewriteRelativeImportExtensions": true, "skipLibCheck": true,
    "declaration": true, "types": [] },
    "include": ["src", "tests"] }'
}
# Its decorated classes are in its *.test.ts files: instrument them too.
plugin_options_signal_utils() { echo ', "exclude": []'; }
with_resolvers_polyfill() { # with-resolvers.mjs, a setup file giving Node 20 the Promise.withResolvers of Node 22
  echo 'Promise.withResolvers ??= function () { let resolve, reject;
    const promise = new this((res, rej) => { resolve = res; reject = rej; }); return { promise, resolve, reject }; };' > with-resolvers.mjs
}
suite_signal_utils() { # vitest on out/; Node 20 lacks Promise.withResolvers, which its AsyncComputed uses
  with_resolvers_polyfill
  echo 'export default { test: { root: "out", include: ["tests/**/*.test.js"], setupFiles: ["../with-resolvers.mjs"] } }' > vitest.realworld.mjs
  node "$WORK/node_modules/vitest/vitest.mjs" run --config vitest.realworld.mjs --reporter dot
}

config_zod() { # zod 3.23.8: its configs/tsconfig.base.json with tsconfig.cjs.json's commonjs, the tests included
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2018",
    "lib": ["es5", "es6", "es7", "esnext", "dom"], "strict": true, "strictPropertyInitialization": false,
    "esModuleInterop": true, "resolveJsonModule": true, "noImplicitReturns": true, "noFallthroughCasesInSwitch": true,
    "downlevelIteration": true, "isolatedModules": true, "skipLibCheck": true, "declaration": true, "types": ["node", "jest"] },
    "include": ["src/**/*.ts"], "exclude": ["src/benchmarks", "src/__tests__/language-server.*"] }'
}
suite_zod() { # its configs/ts-jest.config.json on out/
  node "$WORK/node_modules/jest/bin/jest.js" --config '{}' --rootDir out --ci --testRegex 'src/.*\.test\.js$' \
    --modulePathIgnorePatterns language-server __vitest__
}

config_immer() { # its tsconfig.json (es2020, ES modules), emitting, with its tests (mostly JavaScript: allowJs)
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "es2020", "strict": true,
    "noImplicitAny": true, "esModuleInterop": true, "allowJs": true, "skipLibCheck": true, "declaration": true,
    "types": ["node", "vitest/globals"] },
    "include": ["src/**/*.ts", "__tests__/*.ts", "__tests__/*.js"] }'
}
suite_immer() { # its vitest.config.ts on out/, with its snapshots; base.js reads ../package.json
  cp package.json out/ && cp -r __tests__/__snapshots__ out/__tests__/
  echo 'export default { test: { root: "out", environment: "node", include: ["__tests__/*.js"], globals: true } }' > vitest.realworld.mjs
  CI=true node "$WORK/node_modules/vitest/vitest.mjs" run --config vitest.realworld.mjs --reporter dot
}

config_fp_ts() { # its tsconfig.json (commonjs, es5), emitting; its test/ files are instrumented too
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es5", "lib": [],
    "esModuleInterop": true, "strict": true, "noImplicitReturns": true, "noFallthroughCasesInSwitch": true,
    "stripInternal": true, "skipLibCheck": true, "declaration": true, "types": ["vitest/globals"] },
    "include": ["src/**/*.ts", "test/**/*.ts"] }'
}
suite_fp_ts() { # its vite.config.ts on out/; test/index.js lists ./src/**/*.ts from the project folder
  echo 'export default { test: { root: "out", include: ["test/**/*.js"], exclude: ["test/**/util.js"], globals: true } }' \
    > vitest.realworld.mjs
  node "$WORK/node_modules/vitest/vitest.mjs" run --config vitest.realworld.mjs --reporter dot
}

config_ofetch() { # its tsconfig.json (ES modules, esnext), with its test
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "esnext", "strict": true,
    "esModuleInterop": true, "skipLibCheck": true, "declaration": true, "types": ["node"] },
    "include": ["src/**/*.ts", "test/**/*.ts"] }'
}
suite_ofetch() { # vitest on out/ (its tests serve an h3 app on a real node:http server through listhen)
  echo 'export default { test: { root: "out", include: ["test/**/*.test.js"] } }' > vitest.realworld.mjs
  # "default fetch options" fetches a public web site: no network here.
  node "$WORK/node_modules/vitest/vitest.mjs" run --config vitest.realworld.mjs --reporter dot \
    --testNamePattern '^(?!.*default fetch options)'
}

config_got() { # got 14.6.6 (the last for Node 20): its tsconfig.json over @sindresorhus/tsconfig 6, spelled out
  echo '{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "lib": ["es2022"],
    "strict": true, "noPropertyAccessFromIndexSignature": false, "isolatedModules": true, "noImplicitReturns": true,
    "noImplicitOverride": true, "noFallthroughCasesInSwitch": true, "declaration": true, "skipLibCheck": true,
    "types": ["node"] },
    "include": ["source/**/*.ts", "test/**/*.ts"] }'
}
# Its own versions (express 4, nock, sinon, pem, ...); ava, typescript and its lint and release tools are not needed.
tools_got() { own_deps got ava typescript tsx xo np c8 del-cli; }
suite_got() { # its ava settings on out/ (test/fixtures is read from the project folder)
  node -e 'const fs = require("fs"); const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")); delete pkg.ava;
    fs.writeFileSync("package.json", JSON.stringify(pkg))'
  echo 'export default { files: ["out/test/*.js", "!out/test/*.types.js"], timeout: "10m", workerThreads: false }' > ava.config.mjs
  # These request example.com, google.com or an HTTP/2 site, and `http2 timeout` connects to 123.123.123.123:
  # no network here.
  local online=('DNS cache works' 'DNS cache works - CacheableLookup instance' 'cache should work with http2' 'DNS IPv6'
    'accepts an async function as init hook' 'setting to `0` disables retrying' 'socket timeout' 'http/2 timings'
    'http2 timeout')
  # One test at a time, as for ky: its timing tests (retry delays under 400 ms, a 1 ms timeout) race the rest of the run.
  node "$WORK/node_modules/ava/entrypoints/cli.mjs" --serial --concurrency 1 "${online[@]/#/--match=!}"
}

config_express_openapi_validator() { # its tsconfig.json (commonjs, es2017), with its typings and tests; TypeScript 5's
  # defaults where 6 changed them (its `import * as express` calls need esModuleInterop off)
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2017", "lib": ["es2019", "es2019.array"],
    "strict": false, "esModuleInterop": false, "resolveJsonModule": true, "skipLibCheck": true, "declaration": true, "types": ["node", "mocha"] },
    "include": ["typings/**/*.d.ts", "src/**/*.ts", "test/**/*.ts"] }'
}
tools_express_openapi_validator() { # and js-yaml 3, which one spec imports and its lock file hoists (through nyc)
  own_deps express-openapi-validator typescript ts-node source-map-support nyc coveralls commitizen nodemon prettier rimraf
  echo js-yaml@3
}
# Its spec files build Express apps of their own: instrument them too.
plugin_options_express_openapi_validator() { echo ', "exclude": []'; }
suite_express_openapi_validator() { # its npm test on out/, with the specs' YAML, JSON and assets beside them
  (cd test && find . -type f ! -name '*.ts' -exec cp --parents {} ../out/test/ \;)
  node "$WORK/express-openapi-validator/node_modules/mocha/bin/mocha.js" --no-config --recursive --reporter dot 'out/test/**/*.spec.js' 'out/test/*.spec.js'
}

config_wretch() { # its test/tsconfig.base.json (ES modules, es2020); allowJs for its Fastify mock server, test/mock.js
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "es2020",
    "lib": ["es2020", "dom", "dom.iterable"], "strict": false, "noImplicitAny": false, "isolatedModules": true, "allowJs": true,
    "skipLibCheck": true, "declaration": true, "types": ["node"] },
    "include": ["src/**/*.ts", "test/node/**/*.ts", "test/shared/**/*.ts", "test/mock.js"], "exclude": ["src/index.cts"] }'
}
tools_wretch() { own_deps wretch typescript tsx c8 eslint @eslint/js typescript-eslint globals rimraf rolldown typedoc \
  @web/dev-server-esbuild @web/test-runner @web/test-runner-playwright conventional-changelog-cli conventional-changelog-wretch; }
# Its tests are *.spec.ts files, and its mock server is in test/mock.js: instrument them too.
plugin_options_wretch() { echo ', "exclude": []'; }
suite_wretch() { # its test:node on out/: its runWithMockServer.js starts out/test/mock.js, then node --test runs the specs
  mkdir -p out/scripts && cp scripts/runWithMockServer.js out/scripts/ && ln -sfn ../../test/assets out/test/assets
  # Its tests import relative paths without an extension (tsx resolves them; node does not): try .js and /index.js.
  echo 'export async function resolve(specifier, context, next) {
    try { return await next(specifier, context); } catch (error) {
      if (!["ERR_MODULE_NOT_FOUND", "ERR_UNSUPPORTED_DIR_IMPORT"].includes(error.code) || !specifier.startsWith(".")) throw error;
      return next(specifier + ".js", context).catch(() => next(specifier + "/index.js", context)); } }' > extensionless.mjs
  echo 'import { register } from "node:module"; register("./extensionless.mjs", import.meta.url);' > extensionless-register.mjs
  node out/scripts/runWithMockServer.js "node --import ./extensionless-register.mjs --test out/test/node/*.spec.js out/test/node/**/*.spec.js"
}

config_graphql_js() { # its tsconfig.json (commonjs, es2019), emitting; importsNotUsedAsValues is gone from TypeScript 6
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2019",
    "lib": ["es2019", "es2020.promise", "es2020.bigint", "es2020.string"], "strict": true, "useUnknownInCatchVariables": false,
    "isolatedModules": true, "forceConsistentCasingInFileNames": true, "skipLibCheck": true, "declaration": true,
    "types": ["node", "mocha"] },
    "include": ["src/**/*"] }'
}
suite_graphql_js() { # its npm run testonly and .mocharc.yml (leak check, deprecations thrown) on out/; a 10 s timeout (see docs/realworld.md)
  node "$WORK/node_modules/mocha/bin/mocha.js" --no-config --full-trace --throw-deprecation --check-leaks --fail-zero --timeout 10000 \
    --reporter dot 'out/src/**/__tests__/**/*-test.js'
}

config_remeda() { # packages/remeda/tsconfig.json (ES2022, module preserve, bundler resolution), emitting; no type tests
  echo '{ "compilerOptions": { "module": "preserve", "moduleResolution": "bundler", "target": "es2022", "lib": ["es2022"],
    "strict": true, "exactOptionalPropertyTypes": true, "noFallthroughCasesInSwitch": true, "noImplicitOverride": true,
    "noImplicitReturns": true, "noPropertyAccessFromIndexSignature": true, "noUncheckedIndexedAccess": true,
    "esModuleInterop": true, "isolatedModules": true, "moduleDetection": "force", "skipLibCheck": true, "declaration": true,
    "types": ["node"] },
    "include": ["packages/remeda/src", "packages/remeda/test"],
    "exclude": ["**/*.test-d.ts", "**/*.test-prop.ts"] }'
}
# Its tests use vitest 4's matchers (toHaveBeenCalledExactlyOnceWith); its sources import type-fest's types.
tools_remeda() { echo vitest@4 type-fest@5; }
suite_remeda() { # its vitest.config.ts "runtime" project on out/ (one module graph for all files: isolate false)
  echo 'export default { test: { root: "out/packages/remeda", include: ["src/**/*.test.js"], isolate: false } }' > vitest.realworld.mjs
  node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot
}

config_yup() { # @4c/tsconfig/web's settings spelled out (ES modules, bundler resolution), with its tests (test/tsconfig.json)
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "es2020", "lib": ["esnext", "dom"],
    "strict": true, "strictFunctionTypes": true, "noImplicitAny": true, "esModuleInterop": true, "skipLibCheck": true,
    "declaration": true, "types": ["node"] },
    "include": ["src/**/*.ts", "test/*.ts"] }'
}
# Its vitest.config.ts uses vitest 3's projects; its runtime dependencies and test-only ones.
tools_yup() { echo vitest@3 property-expr@2 tiny-case@1 toposort@2 type-fest@2 synchronous-promise@2 @standard-schema/spec@1; }
suite_yup() { # its vitest.config.ts (an "async" and a "sync" project) and test-setup.mjs, on out/
  sed 's#./src/index.ts#./out/src/index.js#' test-setup.mjs > test-setup.realworld.mjs
  echo 'const test = { environment: "node", setupFiles: ["./test-setup.realworld.mjs"], include: ["out/test/*.js"],
    exclude: ["out/test/helpers.js"] };
  export default { test: { ...test, projects: [
    { test: { ...test, name: "async" }, define: { "global.YUP_USE_SYNC": false } },
    { test: { ...test, name: "sync" }, define: { "global.YUP_USE_SYNC": true } } ] } }' > vitest.realworld.mjs
  node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot
}

config_ixjs() { # IxJS 7: its tsconfig.base.json with the esnext commonjs target, and its specs (spec/tsconfig), emitting
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "esnext",
    "lib": ["dom", "esnext", "esnext.asynciterable"], "strict": true, "noImplicitReturns": true, "noFallthroughCasesInSwitch": true,
    "importHelpers": true, "downlevelIteration": true, "esModuleInterop": true, "skipLibCheck": true, "declaration": true,
    "types": ["node", "jest"], "baseUrl": ".", "paths": { "ix": ["src/node"], "ix/*": ["src/*"] } },
    "include": ["src/**/*.ts", "spec/**/*.ts"], "exclude": ["src/bin/*.ts", "spec/index.ts"] }'
}
# Its specs' polyfills (web streams, AbortController) and rxjs 6 (its Symbol.observable).
tools_ixjs() { echo abortcontroller-polyfill@1.4.0 @openpgp/web-stream-tools@0.0.13 rxjs@6.5.4 web-streams-polyfill@3.2.1; }
suite_ixjs() { # its jest.config.js on out/, the `ix` imports mapped as its path mappings say
  # web-stream-tools ships ES modules, which its jest.config.js has ts-jest compile: TypeScript's transpileModule here.
  echo 'const ts = require("typescript"); module.exports = { process: (code, fileName) => ({ code: ts.transpileModule(code,
    { fileName, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true } }).outputText }) };' \
    > esm-to-cjs.cjs
  node "$WORK/node_modules/jest/bin/jest.js" --ci --config '{ "rootDir": "out", "roots": ["<rootDir>/spec/"], "testEnvironment": "node",
    "testRegex": "(.*(-|\\.)spec)\\.js$", "moduleNameMapper": { "^ix$": "<rootDir>/src/node", "^ix/(.*)$": "<rootDir>/src/$1" },
    "transform": { "/@openpgp/web-stream-tools/.+\\.js$": "<rootDir>/../esm-to-cjs.cjs" },
    "transformIgnorePatterns": ["/node_modules/(?!@openpgp/web-stream-tools/)"] }'
}

config_routing_controllers() { # its tsconfig.json with tsconfig.spec.json (strict off for its tests), sources and tests together
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2018", "lib": ["es2018"],
    "strict": false, "esModuleInterop": true, "allowSyntheticDefaultImports": true, "experimentalDecorators": true,
    "emitDecoratorMetadata": true, "skipLibCheck": true, "declaration": true, "types": ["node", "jest"] },
    "include": ["src/**/*.ts", "test/**/*.ts"] }'
}
# Its own versions, and its optional dependencies (Express 4, Koa 3 and their middlewares), which its tests load;
# @types/koa__ejs is no longer published.
tools_routing_controllers() {
  own_deps routing-controllers typescript ts-jest ts-node ts-node-dev jest eslint @eslint/eslintrc @eslint/js \
    @typescript-eslint/eslint-plugin @typescript-eslint/parser eslint-config-prettier eslint-plugin-jest husky lint-staged prettier rimraf \
    @types/koa__ejs
  node -e 'const pkg = require(process.argv[1]); for (const [name, range] of Object.entries(pkg.optionalDependencies)) console.log(`${name}@${range}`)' \
    "$WORK/routing-controllers/tree/package.json"
}
# Its controllers are declared in its spec files, which also make the axios calls: instrument them too.
plugin_options_routing_controllers() { echo ', "exclude": []'; }
suite_routing_controllers() { # its jest.config.js on out/, one test file at a time (every file listens on port 3001)
  (cd test && find . -type f ! -name '*.ts' -exec cp --parents {} ../out/test/ \;)
  node "$WORK/node_modules/jest/bin/jest.js" --ci --runInBand --config '{ "rootDir": "out", "testEnvironment": "node",
    "testMatch": ["**/test/**/*.spec.js"], "setupFilesAfterEnv": ["<rootDir>/../jest.setup.js"] }' $(jest_recording)
}

config_class_validator() { # its tsconfig.json with tsconfig.spec.json (strict off for its tests), sources and tests together
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2018", "lib": ["es2018"],
    "strict": false, "esModuleInterop": true, "experimentalDecorators": true, "emitDecoratorMetadata": true,
    "skipLibCheck": true, "declaration": true, "types": ["node", "jest"] },
    "include": ["src/**/*.ts", "test/**/*.ts"] }'
}
# The versions of its lock file (validator 13.11 no longer takes a JWT without a signature, which its tests expect).
tools_class_validator() { echo validator@13.9.0 @types/validator@13.11.8 libphonenumber-js@1.10.53 reflect-metadata@0.2.1; }
# Its decorated classes are declared in its spec files: instrument them too.
plugin_options_class_validator() { echo ', "exclude": []'; }
suite_class_validator() { # its jest.config.js on out/
  node "$WORK/node_modules/jest/bin/jest.js" --ci --config '{ "rootDir": "out", "testEnvironment": "node", "testMatch": ["**/test/**/*.spec.js"] }'
}

config_date_fns() { # its tsconfig.json (nodenext, ES modules as its package.json says), emitting; its src/**/test.ts files
  echo '{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "esnext",
    "lib": ["dom", "es2020", "es2018.promise", "esnext.intl"], "strict": true, "skipLibCheck": true, "declaration": true,
    "types": ["node"] },
    "include": ["src/**/*.ts"] }'
}
# Its tests' dependencies: the time zone dates (@date-fns/tz 1.4, whose offsets parse ICU 78's "08h GMT+08:00";
# its pinned 1.0.2 reads NaN there, which fails 239 tests in every build on Node 20.20), sinon 7, and what its fp tests import.
tools_date_fns() { echo @date-fns/tz@1.4.1 @date-fns/utc@1.2.0 sinon@7 @types/sinon@9 js-fns@2 fp-ts@2; }
suite_date_fns() { # its vitest.config.ts on out/ (one module graph for all files: isolate false)
  echo 'export default { test: { root: "out", include: ["src/**/test.js"], isolate: false } }' > vitest.realworld.mjs
  node "$WORK/node_modules/vitest/vitest.mjs" run --config vitest.realworld.mjs --reporter dot
}

config_mobx() { # mobx 6.16.1: its tsconfig.json and tsconfig.test.json (legacy decorators, define semantics), commonjs for
  # jest as ts-jest compiles it, with its base tests (JavaScript and TypeScript: allowJs)
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es6", "lib": ["esnext"],
    "downlevelIteration": true, "alwaysStrict": true, "strict": true, "noImplicitReturns": true, "noImplicitAny": false,
    "noImplicitThis": false, "experimentalDecorators": true, "useDefineForClassFields": true, "esModuleInterop": true,
    "allowJs": true, "skipLibCheck": true, "declaration": true, "types": ["node", "jest"] },
    "include": ["packages/mobx/src", "packages/mobx/__tests__/base", "packages/mobx/__tests__/utils", "packages/mobx/jest.setup.ts"] }'
}
# What its base tests import besides mobx.
tools_mobx() { echo serializr@2 conditional-type-checks@1 iterall@1; }
# Its decorated and observable classes are declared in its test files: instrument them too.
plugin_options_mobx() { echo ', "exclude": []'; }
suite_mobx() { mobx_jest '__tests__/base/'; }

config_mobx_stage3() { # mobx 6.16.1: its __tests__/decorators_20223/tsconfig.json (standard decorators, es6), commonjs for jest
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es6", "lib": ["esnext"],
    "downlevelIteration": true, "alwaysStrict": true, "strict": true, "noImplicitReturns": true, "noImplicitAny": false,
    "noImplicitThis": false, "experimentalDecorators": false, "useDefineForClassFields": true, "esModuleInterop": true,
    "allowJs": true, "skipLibCheck": true, "declaration": true, "types": ["node", "jest"] },
    "include": ["packages/mobx/src", "packages/mobx/__tests__/decorators_20223", "packages/mobx/jest.setup.ts"] }'
}
tools_mobx_stage3() { tools_mobx; }
plugin_options_mobx_stage3() { plugin_options_mobx; }
suite_mobx_stage3() { mobx_jest '__tests__/decorators_20223/'; }

mobx_jest() { # test-folder: its jest.base.config.js and jest.setup.ts on out/, in node (nothing of its base tests needs jsdom)
  cp packages/mobx/package.json out/packages/mobx/
  (cd packages/mobx && find "$1" -name '*.snap' -exec cp --parents {} ../../out/packages/mobx/ \;)
  # Its tests require "../../src/mobx.ts", which ts-jest compiles: the compiled file here.
  echo '{ "rootDir": "out/packages/mobx", "testEnvironment": "node", "testRegex": "TESTS.*\\.js$", "globals": { "__DEV__": true },
    "setupFilesAfterEnv": ["<rootDir>/jest.setup.js"], "moduleNameMapper": { "^(.*)/src/mobx\\.ts$": "$1/src/mobx.js" } }' \
    | sed "s#TESTS#$1#" > jest.realworld.json
  # Three tests load its production bundle (dist/mobx.cjs.production.min.js), which its tsdx build makes: not built here.
  node "$WORK/node_modules/jest/bin/jest.js" --ci --config jest.realworld.json \
    --testNamePattern '^(?!.*(production build|debug names - production|debug names are always respected))'
}

config_lru_cache() { # lru-cache 11.2.7: its tsconfig.json (nodenext, es2022; ES modules, as its package.json says), with its tests
  echo '{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "strict": true,
    "noUncheckedIndexedAccess": true, "esModuleInterop": true, "resolveJsonModule": true, "skipLibCheck": true,
    "declaration": true, "types": ["node"] },
    "include": ["src/**/*.ts", "test/**/*.ts"] }'
}
tools_lru_cache() { echo tap@21 @tapjs/clock@3; }
suite_lru_cache() { # its tap settings (.taprc), from out/ as the package folder, with the dist/ its tests import
  cp package.json .taprc out/ && cp test/*.mjs out/test/
  # tshy's dist/esm and dist/commonjs, from the compiled src/index.js (CommonJS through TypeScript's transpileModule);
  # its esbuild-minified index.min.js are copies here.
  mkdir -p out/dist/esm out/dist/commonjs && echo '{ "type": "commonjs" }' > out/dist/commonjs/package.json
  cp out/src/index.js out/dist/esm/index.js && cp out/src/index.js out/dist/esm/index.min.js
  node -e 'const ts = require(process.argv[1]); const fs = require("fs");
    const { outputText } = ts.transpileModule(fs.readFileSync("out/src/index.js", "utf8"),
      { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    for (const file of ["index.js", "index.min.js"]) fs.writeFileSync("out/dist/commonjs/" + file, outputText);' "$WORK/node_modules/typescript"
  # Its snapshots, named after the compiled test files.
  mkdir -p out/tap-snapshots/test && for file in tap-snapshots/test/*.ts.test.cjs; do
    sed -E 's#^exports\[`test/(.*)\.ts > #exports[`test/\1.js > #' "$file" > "out/${file%.ts.test.cjs}.js.test.cjs"
  done
  # tap's 30 s limit per file is raised for all three runs: with tracing on, avoid-memory-leak.js (a million `set` calls,
  # each a span) ran past it while the plain build took a few seconds.
  (cd out && "$WORK/lru-cache/node_modules/.bin/tap" --disable-coverage --reporter=tap --timeout=600 test/*.js test/*.mjs) > tap.log 2>&1
  local code=$?
  grep -a -A12 '^ *not ok' tap.log
  # Test files passed and failed, as counts() reads them: the number of assertions differs from run to run in
  # every build (load-check.js asserts each cache hit among random keys).
  echo "$(grep -ac '^ok ' tap.log) passed" "$(grep -ac '^not ok ' tap.log) failed" "(test files); assertions: $(grep -a '^# { total' tap.log)"
  return $code
}

config_hono() { # hono 4.13.3: its tsconfig.base.json and tsconfig.spec.json (ES modules, bundler resolution, es2022), emitting;
  # its .ts sources and tests (its JSX tests, *.test.tsx, are left out: see docs/realworld.md)
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "es2022", "strict": true,
    "esModuleInterop": true, "resolveJsonModule": true, "skipLibCheck": true, "declaration": true,
    "types": ["node", "vitest/globals"] },
    "include": ["src/**/*.ts", "src/middleware/jwk/keys.test.json"] }'
}
# Its tests use vitest 4 and mock fetch with msw; one validates with zod 3.
tools_hono() { echo vitest@4 msw@2 zod@3; }
suite_hono() { # its vitest.config.ts "main" project on out/ (globals; its *.case.test files are shared cases, not tests)
  echo 'export default { test: { root: "out", globals: true, include: ["src/**/*.test.js"],
    exclude: ["**/node_modules/**", "**/sandbox/**", "**/*.case.test.*"] } }' > vitest.realworld.mjs
  # "esbuild compatibility test" bundles `__filename.replace('.test.ts', '.ts')`, its source beside it: on the compiled
  # color.test.js that is the test file itself, which imports esbuild, and it cannot pass in any build.
  node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot \
    --testNamePattern '^(?!.*esbuild compatibility test)'
}

config_octokit_request() { # @octokit/request 10.0.11: its tsconfig.json over @octokit/tsconfig 4, spelled out, emitting;
  # its tests import "../src/x.ts" (rewriteRelativeImportExtensions, as its test/tsconfig.test.json allows them)
  echo '{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022",
    "lib": ["dom", "dom.iterable", "es2023"], "strict": true, "esModuleInterop": true, "isolatedModules": true,
    "rewriteRelativeImportExtensions": true, "skipLibCheck": true, "declaration": true, "types": ["node", "vitest/globals"] },
    "include": ["src/**/*.ts", "test/**/*.ts"] }'
}
# Its own versions (vitest 4, undici 7, fetch-mock 12, @octokit/auth-app, ...); not its lint, coverage and build tools.
tools_octokit_request() { own_deps octokit-request typescript prettier esbuild tinyglobby @vitest/coverage-v8 \
  semantic-release-plugin-update-version-in-files @octokit/tsconfig; }
# Its test files call fetch and undici's fetch themselves (in the fetch functions they pass): instrument them too.
plugin_options_octokit_request() { echo ', "exclude": []'; }
suite_octokit_request() { # its vite.config.js on out/, without coverage
  echo 'export default { test: { root: "out", include: ["test/**/*.test.js"] } }' > vitest.realworld.mjs
  # These request api.github.com or www.githubstatus.com: no network here.
  node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot \
    --testNamePattern '^(?!.*(Resolves with url|request should pass the .redirect. option to fetch|Test ReDoS - attack string))'
}

config_yaml() { # yaml 2.9.0: its tsconfig.json and tests/tsconfig.json (es2020; CommonJS, as its package.json says and its
  # babel-jest emits), emitting, with its path mappings for the yaml, yaml/cli and yaml/util imports; its two test suites
  # read git submodules (yaml-test-suite, JSONTestSuite), which a release archive does not hold
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2020", "strict": true,
    "rewriteRelativeImportExtensions": true, "skipLibCheck": true, "declaration": true, "types": ["node", "jest"],
    "paths": { "yaml": ["./src/index.ts"], "yaml/cli": ["./src/cli.ts"], "yaml/util": ["./src/util.ts"] } },
    "include": ["src/**/*.ts", "tests/**/*.ts"], "exclude": ["tests/yaml-test-suite.ts", "tests/json-test-suite.ts"] }'
}
tools_yaml() { echo fast-check@2; }
suite_yaml() { # its config/jest.config.js on out/ (TRACE_LEVEL=log, as its source tests run), with the artifacts its tests read
  cp -r tests/artifacts out/tests/
  # Its CLI test loads tests/artifacts/cli-singlequote.mjs (an ES module) with require: its jest config has babel compile
  # it to CommonJS, here TypeScript's transpileModule, in place.
  node -e 'const ts = require(process.argv[1]); const fs = require("fs"); const file = "tests/artifacts/cli-singlequote.mjs";
    fs.writeFileSync(file, ts.transpileModule(fs.readFileSync(file, "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText);' \
    "$WORK/node_modules/typescript"
  TRACE_LEVEL=log node "$WORK/node_modules/jest/bin/jest.js" --ci --config '{ "rootDir": "out", "testEnvironment": "node",
    "testMatch": ["**/tests/**/*.js"], "testPathIgnorePatterns": ["tests/_utils", "tests/artifacts"],
    "moduleNameMapper": { "^yaml$": "<rootDir>/src/index.js", "^yaml/cli$": "<rootDir>/src/cli.js", "^yaml/util$": "<rootDir>/src/util.js" } }'
}

# class-transformer's tsconfig.json, tsconfig.spec.json and jest.config.js are class-validator's (both typestack projects): the same settings.
config_class_transformer() { config_class_validator; }
plugin_options_class_transformer() { plugin_options_class_validator; }
suite_class_transformer() { suite_class_validator; }

config_awilix() { # awilix 12.1.1: its tsconfig.json, emitting; its JavaScript test (inheritance.test.js) compiled too. Its
  # load-module-native.js stays as written (compiled to CommonJS, its import() would become a require()); its
  # rollup.test.ts tests the rollup bundles in lib/, which its build makes and this one does not
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2021", "lib": ["es2021"],
    "strict": true, "noImplicitAny": true, "noUnusedLocals": true, "experimentalDecorators": true, "esModuleInterop": true,
    "allowJs": true, "skipLibCheck": true, "declaration": true, "types": ["node", "jest"] },
    "include": ["src/**/*.ts", "src/__tests__/inheritance.test.js"], "exclude": ["src/__tests__/rollup.test.ts"] }'
}
# CLASSIC injection reads the parameter names of the classes and functions its tests declare: instrument them too.
tools_awilix() { echo smid@0.1.1; }
plugin_options_awilix() { echo ', "exclude": []'; }
suite_awilix() { # its package.json jest settings on out/, with its snapshots (renamed after the compiled test); its
  # list-modules tests glob the sources (../*.ts) beside the tests. No transform: babel-jest would read its package.json
  # babel settings and rewrite the functions whose source awilix parses.
  cp src/*.ts out/src/ && cp src/load-module-native.js out/src/ && cp -r src/__tests__/fixture out/src/__tests__/
  mkdir -p out/src/__tests__/__snapshots__
  cp src/__tests__/__snapshots__/function-tokenizer.test.ts.snap out/src/__tests__/__snapshots__/function-tokenizer.test.js.snap
  node "$WORK/node_modules/jest/bin/jest.js" --ci --config '{ "rootDir": "out", "testEnvironment": "node", "transform": {},
    "testRegex": "(/__tests__/.*\\.(test|spec))\\.js$" }'
}

config_ajv() { # ajv 8.17.1: its tsconfig.json (over @ajv-validator/config) and spec/tsconfig.json, sources and specs together.
  # Not compiled: the specs that read its git submodules (JSON-Schema-Test-Suite, json-typedef-spec), which a release
  # archive does not hold, and its re2 spec (re2 is a native module built from source)
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2018", "lib": ["es2018", "dom"],
    "strict": true, "noImplicitAny": false, "esModuleInterop": false, "resolveJsonModule": true, "allowJs": true,
    "skipLibCheck": true, "declaration": true, "types": ["node", "mocha"] },
    "include": ["lib", "spec"], "exclude": ["spec/json-schema.spec.ts", "spec/jtd-schema.spec.ts", "spec/schema-tests.spec.ts",
      "spec/issues/1683_re2_engine.spec.ts", "spec/issues/re2.ts", "spec/JSON-Schema-Test-Suite", "spec/json-typedef-spec"] }'
}
tools_ajv() { # its dependencies and the test dependencies its compiled specs load (its lock file's versions)
  echo fast-deep-equal@3.1.3 fast-uri@3.0.1 json-schema-traverse@1.0.0 require-from-string@2.0.2 @types/require-from-string@1.2.3 \
    ajv-formats@3.0.1 json-schema-test@2.0.0 module-from-string@3.3.0 js-beautify@1.15.1 uri-js@4.4.1
}
suite_ajv() { # its test-spec script on out/ (mocha, dot reporter), laid out as its build and `npm link ajv` lay it out
  ln -sfn lib out/dist && cp package.json out/ # the specs load `..` and `../dist/...`
  (cd lib && find refs -name '*.json' -exec cp --parents {} ../out/lib/ \;)
  (cd spec && find . -type f -name '*.json' ! -path './JSON-Schema-Test-Suite/*' -exec cp --parents {} ../out/spec/ \;)
  # scripts/jsontests.js, for the suites a release archive holds
  mkdir -p out/spec/_json
  node -e 'const fs = require("fs");
    for (const suite of ["tests", "security", "extras", "async"]) {
      const files = fs.readdirSync(`spec/${suite}`, { recursive: true }).filter((f) => f.endsWith(".json")).sort();
      fs.writeFileSync(`out/spec/_json/${suite}.js`, `module.exports = [${files.map((f) =>
        `\n  {name: "${f.replace(/\.json$/, "")}", test: require("../${suite}/${f}")},`).join("")}\n]\n`);
    }'
  # Generated standalone code requires ajv/dist/runtime/*, and ajv-formats requires ajv: both get this build
  mkdir -p node_modules && ln -sfn ../out node_modules/ajv
  rm -rf node_modules/ajv-formats && cp -r "$WORK/ajv/node_modules/ajv-formats" node_modules/ && rm -rf node_modules/ajv-formats/node_modules/ajv
  # A 60 s test time-out instead of mocha's 2 s in all three runs: with tracing on, every CodeGen call makes a span, and
  # compiling its larger JTD and keyword schemas takes longer than 2 s (docs/realworld.md)
  node "$WORK/node_modules/mocha/bin/mocha.js" --no-config -R dot --timeout 60000 'out/spec/**/*.spec.js'
}

config_chevrotain() { # chevrotain 11.2.0, packages/chevrotain: its tsconfig.json over tsconfig.base.json (ES modules), emitting.
  # Not compiled: its diagrams test, which loads the diagrams' scripts and styles from a CDN in jsdom
  echo '{ "compilerOptions": { "module": "es2020", "moduleResolution": "node", "target": "es2015", "lib": ["es2015", "dom"],
    "strict": false, "strictNullChecks": true, "noImplicitAny": true, "strictFunctionTypes": true, "esModuleInterop": true,
    "sourceMap": true, "skipLibCheck": true, "declaration": true, "types": ["node", "mocha"] },
    "include": ["packages/chevrotain/src/**/*.ts", "packages/chevrotain/test/**/*.ts"],
    "exclude": ["packages/chevrotain/test/diagrams/render_spec.ts"] }'
}
tools_chevrotain() { # its workspace packages as published at the same version, its dependencies and its test libraries' versions
  echo @chevrotain/cst-dts-gen@11.2.0 @chevrotain/gast@11.2.0 @chevrotain/regexp-to-ast@11.2.0 @chevrotain/types@11.2.0 \
    @chevrotain/utils@11.2.0 lodash-es@4.17.23 @types/lodash-es@4.17.12 error-stack-parser@2.1.4 \
    chai@6.2.2 @types/chai@5.2.3 sinon@21.0.1 @types/sinon@21.0.0 sinon-chai@4.0.1 @types/sinon-chai@4.0.0
}
suite_chevrotain() { # its .mocharc.cjs on out/ (ES modules: its package.json beside them), dot reporter, with source maps
  # as its unit-tests script runs it (its exception tests expect the source-mapped frame name of a lambda, `<anonymous>`)
  cp packages/chevrotain/package.json out/packages/chevrotain/
  node --enable-source-maps "$WORK/node_modules/mocha/bin/mocha.js" --no-config --recursive --require packages/chevrotain/test/test.config.mjs \
    --reporter dot 'out/packages/chevrotain/test/**/*spec.js'
}

# socket.io's monorepo (engine.io 6.6.9, socket.io 4.8.3): two entries at the same commit, as its packages build and test
# apart. The stored mirror lacks the blobs of socket.io's test/fixtures/big.json and big.jpg: they are not extracted.
archive_paths_engine_io() { echo packages/engine.io; }
archive_paths_socket_io() {
  echo packages/engine.io packages/socket.io ':(exclude)packages/socket.io/test/fixtures/big.json' \
    ':(exclude)packages/socket.io/test/fixtures/big.jpg'
}
config_engine_io() { # engine.io: its tsconfig.json (commonjs, es2018, strict off), emitting, with its JavaScript tests
  # (allowJs); not its webtransport.mjs and util.mjs (HTTP/3 through @fails-components/webtransport, a native module)
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2018", "strict": false,
    "allowJs": true, "skipLibCheck": true, "declaration": true, "types": ["node"] },
    "include": ["packages/engine.io/lib/**/*.ts", "packages/engine.io/test/*.js", "packages/engine.io/test/fixtures/*.js"] }'
}
# Its dependencies and its tests' (the monorepo's versions): engine.io-client 6 and 3 (its compat-v3 run), superagent, ...
tools_engine_io() {
  echo accepts@~1.3.4 cookie@~0.7.2 cors@~2.8.5 debug@~4.4.1 engine.io-parser@~5.2.1 ws@~8.21.0 @types/cors@^2.8.12 \
    @types/ws@^8.5.12 @types/debug@^4.1.12 engine.io-client@~6.6.0 engine.io-client-v3@npm:engine.io-client@^3.5.2 \
    expect.js@^0.3.1 superagent@^9.0.2 express-session@^1.18.0 helmet@^7.1.0
}
engine_io_package() { # dir: out/<dir> laid out as the engine.io package (its package.json, build/ is the compiled lib/)
  cp packages/engine.io/package.json "out/$1/" && ln -sfn lib "out/$1/build"
}
suite_engine_io() { # its test:default and test:compat-v3 scripts (mocha's default spec, without --bail) on out/, from the
  # package folder (its TLS tests read test/fixtures); not webtransport.mjs
  engine_io_package packages/engine.io && cp packages/engine.io/test/fixtures/*.{crt,key,pfx,csr} out/packages/engine.io/test/fixtures/
  local status=0
  (cd out/packages/engine.io && node "$WORK/node_modules/mocha/bin/mocha.js" --no-config --reporter dot --exit \
    test/engine.io.js test/server.js test/parser.js test/middlewares.js) || status=1
  (cd out/packages/engine.io && EIO_CLIENT=3 node "$WORK/node_modules/mocha/bin/mocha.js" --no-config --reporter dot --exit \
    test/engine.io.js test/server.js test/parser.js test/middlewares.js) || status=1
  return $status
}

config_socket_io() { # socket.io: its tsconfig.json (commonjs, es2017), emitting, with its tests and the engine.io it runs
  # on (its sources, built with the same options: "engine.io" mapped to them). Not compiled: test/uws.ts
  # (uWebSockets.js is installed from GitHub, not npm) and the type test socket.io.test-d.ts (tsd)
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2017", "declaration": true,
    "esModuleInterop": true, "noImplicitAny": false, "noImplicitThis": false, "strictPropertyInitialization": false,
    "noImplicitReturns": true, "skipLibCheck": true, "types": ["node", "mocha"],
    "paths": { "engine.io": ["./packages/engine.io/lib/engine.io.ts"] } },
    "include": ["packages/engine.io/lib/**/*.ts", "packages/socket.io/lib/**/*.ts", "packages/socket.io/test/**/*.ts"],
    "exclude": ["packages/socket.io/test/uws.ts", "packages/socket.io/test/socket.io.test-d.ts"] }'
}
tools_socket_io() {
  echo accepts@~1.3.4 cookie@~0.7.2 cors@~2.8.5 debug@~4.4.1 engine.io-parser@~5.2.1 ws@~8.21.0 @types/cors@^2.8.12 \
    @types/ws@^8.5.12 @types/debug@^4.1.12 socket.io-adapter@~2.5.2 socket.io-parser@~4.2.4 \
    socket.io-client@~4.8.1 socket.io-client-v2@npm:socket.io-client@^2.5.0 expect.js@^0.3.1 @types/expect.js@^0.3.32 \
    supertest@^7.0.0 superagent@^9.0.2
}
suite_socket_io() { # its test:unit script (mocha, 10 s timeout, test/index.ts) on out/, without --bail and nyc
  engine_io_package packages/engine.io && mkdir -p node_modules && ln -sfn ../out/packages/engine.io node_modules/engine.io
  cp packages/socket.io/package.json out/packages/socket.io/ && ln -sfn lib out/packages/socket.io/dist
  cp -r packages/socket.io/client-dist out/packages/socket.io/
  (cd packages/socket.io/test && find . -type f ! -name '*.ts' -exec cp --parents {} ../../../out/packages/socket.io/test/ \;)
  echo '// test/uws.ts is not compiled (docs/realworld.md)' > out/packages/socket.io/test/uws.js
  # close.ts runs `node test/fixtures/server-close.ts`: the compiled file, under that name
  cp out/packages/socket.io/test/fixtures/server-close.js out/packages/socket.io/test/fixtures/server-close.ts
  # Skipped: the two that read test/fixtures/big.json and big.jpg, which the stored mirror lacks; and three that race
  # separate connections (a room joined on one connection before another's broadcast; server sockets taken to be in
  # the clients' order), which failed in the plain build too (docs/realworld.md). --exit: a test that fails leaves its
  # servers open, and mocha would never end.
  local skipped='should handle very large (json|binary data)|broadcasts (binary data )?to rooms|makes all socket instances in a room disconnect'
  (cd out/packages/socket.io && node "$WORK/node_modules/mocha/bin/mocha.js" --no-config --reporter dot --slow 200 --timeout 10000 \
    --exit --grep "$skipped" --invert test/index.js)
}

config_nestjs_throttler() { # @nestjs/throttler 6.5.1: its tsconfig.json (commonjs, es2017, legacy decorators with metadata),
  # emitting, with its unit specs and its e2e specs and test apps; TypeScript 5's defaults where 6 changed them
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2017", "strict": false,
    "esModuleInterop": false, "experimentalDecorators": true, "emitDecoratorMetadata": true, "removeComments": true,
    "skipLibCheck": true, "declaration": true, "types": ["node", "jest"] },
    "include": ["src/**/*.ts", "test/**/*.ts"] }'
}
# Its own versions (Nest 11.2.1, @nestjs/testing, jest 29, pactum, supertest), less its GraphQL and websocket
# packages (no spec here imports them), its lint, commit and release tools and its TypeScript toolchain.
tools_nestjs_throttler() {
  own_deps nestjs-throttler @apollo/server @changesets/cli @commitlint/cli @commitlint/config-angular @nestjs/cli \
    @nestjs/graphql @nestjs/platform-socket.io @nestjs/platform-ws @nestjs/schematics @nestjs/websockets \
    @semantic-release/git @typescript-eslint/eslint-plugin @typescript-eslint/parser apollo-server-fastify \
    conventional-changelog-cli cz-conventional-changelog eslint eslint-config-prettier eslint-plugin-import graphql \
    graphql-tools husky lint-staged nodemon pinst prettier rimraf socket.io ts-jest ts-loader ts-node tsconfig-paths \
    typescript ws
}
# Its guard's and controllers' classes are declared in its spec files too: instrument them (`exclude: []`).
plugin_options_nestjs_throttler() { echo ', "exclude": []'; }
suite_nestjs_throttler() { # its jest settings (src/*.spec) and test/jest-e2e.json (test/**/*.e2e-spec) on out/, its own jest 29;
  # the e2e files one at a time, as its --detectOpenHandles runs them
  local jest=$WORK/nestjs-throttler/node_modules/jest/bin/jest.js status=0
  node "$jest" --ci --config '{ "rootDir": "out/src", "testEnvironment": "node", "testRegex": "\\.spec\\.js$" }' \
    $(jest_recording) || status=1
  node "$jest" --ci --runInBand --config '{ "rootDir": "out", "testEnvironment": "node", "testRegex": "\\.e2e-spec\\.js$" }' \
    $(jest_recording) || status=1
  return $status
}

config_zustand() { # zustand 5.0.15: its tsconfig.json (esnext, bundler resolution, react-jsx, isolatedDeclarations, its
  # path mappings for the zustand/* imports of its tests), emitting: its sources import ./x.ts, rewritten to ./x.js
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "esnext", "jsx": "react-jsx",
    "strict": true, "esModuleInterop": true, "skipLibCheck": true, "allowImportingTsExtensions": true,
    "rewriteRelativeImportExtensions": true, "noUncheckedIndexedAccess": true, "exactOptionalPropertyTypes": true,
    "verbatimModuleSyntax": true, "declaration": true, "isolatedDeclarations": true,
    "types": ["@testing-library/jest-dom/vitest"],
    "paths": { "zustand": ["./src/index.ts"], "zustand/*": ["./src/*.ts"] } },
    "include": ["src/**/*", "tests/**/*"] }'
}
# Its own versions (React 19, react-dom, @testing-library/react, vitest 4, immer, redux, use-sync-external-store, ...),
# less its lint, bundling and coverage tools and its TypeScript; jsdom 27 and jest-dom 6, the last for Node 20
# (its jsdom 30 and jest-dom 7 ask for Node 22).
tools_zustand() {
  own_deps zustand @eslint/js @rollup/plugin-alias @rollup/plugin-node-resolve @rollup/plugin-replace \
    @rollup/plugin-typescript @vitest/coverage-v8 @vitest/eslint-plugin @vitest/ui esbuild eslint \
    eslint-import-resolver-typescript eslint-plugin-import eslint-plugin-jest-dom eslint-plugin-react \
    eslint-plugin-react-hooks eslint-plugin-testing-library json prettier rollup rollup-plugin-esbuild shelljs shx \
    typescript typescript-eslint jsdom @testing-library/jest-dom
  echo jsdom@27 @testing-library/jest-dom@6
}
# Its components, hooks and stores are declared in its *.test.tsx files: instrument them too.
plugin_options_zustand() { echo ', "exclude": []'; }
pmndrs_vitest_suite() { # name: the vitest.config.mts zustand and jotai share (jsdom, globals, tests/setup.ts, <name>/*
  # aliased to the sources), on out/
  echo "import { resolve } from 'node:path';
  export default { resolve: { alias: [ { find: /^$1\$/, replacement: resolve('./out/src/index.js') },
    { find: /^$1(.*)\$/, replacement: resolve('./out/src/\$1.js') } ] },
  test: { name: '$1', globals: true, environment: 'jsdom', dir: 'out/tests', setupFiles: ['out/tests/setup.js'] } }" \
    > vitest.realworld.mjs
  node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot
}
suite_zustand() { pmndrs_vitest_suite zustand; }

# Vue 3.5.41's monorepo (vuejs/core), in two runs that share its settings: vue-reactivity (below) and vue-core.
vue_archive_paths() { # "packages" "tested packages": their sources and tests, its globals and its setup file, on one line
  local name paths="packages/global.d.ts scripts/setup-vitest.ts"
  for name in $1; do paths="$paths packages/$name/src"; done
  for name in $2; do paths="$paths packages/$name/__tests__"; done
  echo "$paths"
}
vue_config() { # "packages" "tested packages": its tsconfig.json (ES modules, bundler resolution, es2016,
  # `useDefineForClassFields` off, `isolatedModules`, `isolatedDeclarations`), emitting, with its `@vue/*` and `vue` path
  # mappings; not `composite`, and not its puppeteer types (no test here uses them). Its flags (`ReactiveFlags`,
  # `EffectFlags`, ...) are plain `enum`s in its sources (its release build inlines them with scripts/inline-enums.js, its
  # tests do not): objects here too. compiler-core's utils.spec imports compiler-sfc, which is not built.
  local include='"packages/global.d.ts", "scripts/setup-vitest.ts"' name
  for name in $1; do include="$include, \"packages/$name/src\""; done
  for name in $2; do include="$include, \"packages/$name/__tests__\""; done
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "es2016", "lib": ["es2016", "dom"],
    "strict": true, "noUnusedLocals": true, "useDefineForClassFields": false, "experimentalDecorators": true,
    "resolveJsonModule": true, "isolatedModules": true, "isolatedDeclarations": true, "esModuleInterop": true,
    "skipLibCheck": true, "declaration": true, "types": ["vitest/globals", "node"],
    "paths": { "@vue/*": ["./packages/*/src"], "vue": ["./packages/vue/src"] } },
    "exclude": ["packages/compiler-core/__tests__/utils.spec.ts"],
    "include": ['"$include"'] }'
}
vue_vitest_prelude() { # "packages": its vitest.config.ts's `define` globals, and its aliases for them, to out/'s index.js files
  echo "const define = { __DEV__: true, __TEST__: true, __VERSION__: '\"test\"', __BROWSER__: false, __GLOBAL__: false,
    __ESM_BUNDLER__: true, __ESM_BROWSER__: false, __CJS__: true, __SSR__: true, __FEATURE_OPTIONS_API__: true,
    __FEATURE_SUSPENSE__: true, __FEATURE_PROD_DEVTOOLS__: false, __FEATURE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    __COMPAT__: true };
  const alias = Object.fromEntries('$1'.split(' ')
    .map((name) => [name === 'vue' ? 'vue' : '@vue/' + name, '$PWD/out/packages/' + name + '/src/index.js']));"
}

# @vue/reactivity and the @vue/shared it imports, with the reactivity tests; four of them import @vue/runtime-core,
# @vue/runtime-test or @vue/runtime-dom (watch, nextTick, a test renderer), which are built from their sources too. Not
# its benchmarks (vitest bench files).
VUE_REACTIVITY_PACKAGES="shared reactivity runtime-core runtime-test runtime-dom"
archive_paths_vue_reactivity() { vue_archive_paths "$VUE_REACTIVITY_PACKAGES" reactivity; }
config_vue_reactivity() { vue_config "$VUE_REACTIVITY_PACKAGES" reactivity; }
# Its vitest 4; @vue/compiler-core (the published one of the same version) for the one type runtime-core imports from it
# (not archived: its path mapping finds nothing and resolution falls back to node_modules); runtime-dom's type packages.
tools_vue_reactivity() { echo vitest@^4.1.10 @vue/compiler-core@3.5.41 csstype@^3.2.3 @types/trusted-types@^2.0.6; }
# Its tests declare getters and setters, proxy handlers, components' setup functions and classes of their own: instrument them too.
plugin_options_vue_reactivity() { echo ', "exclude": []'; }
suite_vue_reactivity() { # its vitest.config.ts on out/ (its define, aliases, setup file): its "unit" project, and gc.spec
  # in a "unit-gc" project (forks, --expose-gc), as its own runs its other gc tests: without global.gc the file is skipped
  echo "$(vue_vitest_prelude "$VUE_REACTIVITY_PACKAGES")
  export default { define, resolve: { alias }, test: { root: 'out', globals: true, pool: 'threads',
    setupFiles: ['./scripts/setup-vitest.js'], sequence: { hooks: 'list' }, projects: [
    { extends: true, test: { name: 'unit', include: ['packages/reactivity/__tests__/**/*.spec.js'],
      exclude: ['packages/reactivity/__tests__/gc.spec.js'] } },
    { extends: true, test: { name: 'unit-gc', pool: 'forks', execArgv: ['--expose-gc'],
      include: ['packages/reactivity/__tests__/gc.spec.js'] } } ] } }" > vitest.realworld.mjs
  # Skipped in all three runs: a wall-clock bound (30 ms, 100 ms with CI set) on 1,000 layers of chained computeds. With
  # tracing on every getter call makes a span: 52 to 120 ms here, with the same getter calls as the plain build and a time
  # that grows linearly with the layers (docs/realworld.md)
  node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot \
    --testNamePattern '^(?!.*should not lead to exponential perf cost with deeply chained computed)'
}

# The rest of Vue's "unit" tests on the same commit: the renderer (runtime-core through runtime-test's renderer), its
# template compilers (compiler-core, compiler-dom, compiler-ssr), server rendering (server-renderer) and shared, every
# package they import built from its sources (the `vue` package too). Not compiler-sfc (and compiler-core's utils.spec,
# which imports it), which needs postcss and its style preprocessors; not reactivity's tests (vue-reactivity).
VUE_CORE_PACKAGES="shared reactivity runtime-core runtime-test runtime-dom compiler-core compiler-dom compiler-ssr server-renderer vue"
VUE_CORE_TESTED="runtime-core runtime-test compiler-core compiler-dom compiler-ssr server-renderer shared"
archive_paths_vue_core() { vue_archive_paths "$VUE_CORE_PACKAGES" "$VUE_CORE_TESTED"; }
config_vue_core() { vue_config "$VUE_CORE_PACKAGES" "$VUE_CORE_TESTED"; }
# Its vitest 4, the compilers' dependencies (its catalog's versions), jsdom 27 (its 30 asks for Node 22) for the files
# that ask for it, and runtime-dom's type packages.
tools_vue_core() {
  echo vitest@^4.1.10 jsdom@27 @babel/parser@^7.29.8 @babel/types@^7.29.8 entities@^7.0.1 estree-walker@^2.0.2 \
    source-map-js@^1.2.1 csstype@^3.2.3 @types/trusted-types@^2.0.6
}
plugin_options_vue_core() { echo ', "exclude": []'; }
suite_vue_core() { # its vitest.config.ts on out/: its "unit" project over the tested packages, and its "unit-gc" one
  # (server-renderer's ssrWatch and ssrRender specs, forks, --expose-gc); its snapshots, named after the compiled tests
  local file
  for file in $(find packages -path '*/__snapshots__/*.ts.snap'); do
    mkdir -p "out/$(dirname "$file")" && cp "$file" "out/${file%.ts.snap}.js.snap"
  done
  echo "$(vue_vitest_prelude "$VUE_CORE_PACKAGES")
  const gc = ['packages/server-renderer/__tests__/ssrWatch.spec.js', 'packages/server-renderer/__tests__/ssrRender.spec.js'];
  // Its \`@vitest-environment jsdom\` comment leads an \`import type\`, which tsc drops with it (both builds)
  const jsdom = ['packages/runtime-core/__tests__/apiOptions.spec.js'];
  export default { define, resolve: { alias }, test: { root: 'out', globals: true, pool: 'threads',
    setupFiles: ['./scripts/setup-vitest.js'], sequence: { hooks: 'list' }, projects: [
    { extends: true, test: { name: 'unit', include: ['packages/*/__tests__/**/*.spec.js'], exclude: [...gc, ...jsdom] } },
    { extends: true, test: { name: 'unit-jsdom', environment: 'jsdom', include: jsdom } },
    { extends: true, test: { name: 'unit-gc', pool: 'forks', execArgv: ['--expose-gc'], include: gc } } ] } }" \
    > vitest.realworld.mjs
  CI=true node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot
}

# The same at target es2022: its async functions (async `setup`s, async components, its tests' own) stay native async
# functions, which at es2016 TypeScript makes generators driven by its `__awaiter` helper.
archive_paths_vue_core_es2022() { archive_paths_vue_core; }
config_vue_core_es2022() {
  config_vue_core | node -e '
    const config = JSON.parse(require("fs").readFileSync(0, "utf8"));
    Object.assign(config.compilerOptions, { target: "es2022", lib: ["es2022", "dom"] });
    console.log(JSON.stringify(config));'
}
tools_vue_core_es2022() { tools_vue_core; }
plugin_options_vue_core_es2022() { plugin_options_vue_core; }
suite_vue_core_es2022() { suite_vue_core; }

# XState 5.32.5 (statelyai/xstate's monorepo): its core package, `xstate`, with its tests and its graph package's tests.
archive_paths_xstate() { echo packages/core; }
config_xstate() { # its tsconfig.json (nodenext there, no emit; `.ts` imports beside extensionless ones, which vitest
  # resolves), emitting ES modules for vitest with bundler resolution and the `.ts` imports rewritten to `.js`
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "esnext", "lib": ["es2024", "dom"],
    "strict": true, "isolatedModules": true, "skipLibCheck": true, "resolveJsonModule": true, "jsx": "react-jsx",
    "allowImportingTsExtensions": true, "rewriteRelativeImportExtensions": true, "declaration": true, "stripInternal": true,
    "types": ["vitest/globals", "node"] },
    "include": ["packages/core/src", "packages/core/test"] }'
}
# Its vitest 3 and happy-dom, its core package's dev dependencies (the SCXML tests read their cases from
# @scion-scxml/test-framework's folder).
tools_xstate() { echo vitest@^3.2.2 happy-dom@^17.4.4 rxjs@^7.8.1 ajv@^8.12.0 pkg-up@^3.1.0 xml-js@^1.6.11 @scion-scxml/test-framework@^2.0.15; }
plugin_options_xstate() { echo ', "exclude": []'; }
suite_xstate() { # its packages/core/vitest.config.mts on out/ (errors.test in happy-dom), with its package.json's `imports`
  # (`#is-development`) pointing at the compiled files, its snapshots named after the compiled tests and its fixtures
  node -e '
    const pkg = JSON.parse(require("fs").readFileSync("packages/core/package.json", "utf8"));
    const js = (target) => target.replace(/\.ts$/, ".js");
    const imports = Object.fromEntries(Object.entries(pkg.imports).map(([name, to]) =>
      [name, Object.fromEntries(Object.entries(to).map(([condition, target]) => [condition, js(target)]))]));
    require("fs").writeFileSync("out/packages/core/package.json", JSON.stringify({ name: pkg.name, type: "module", imports }));'
  local file
  for file in $(find packages -path '*/__snapshots__/*.ts.snap'); do
    mkdir -p "out/$(dirname "$file")" && cp "$file" "out/${file%.ts.snap}.js.snap"
  done
  cp -rn packages/core/test/fixtures out/packages/core/test/ # its SCXML cases, read beside the tests
  # Two tests `vi.mock('../src/reportUnhandledError.ts')`: a string tsc leaves alone, naming the compiled file here
  sed -i "s|vi.mock('../src/reportUnhandledError.ts'|vi.mock('../src/reportUnhandledError.js'|" out/packages/core/test/*.test.js
  with_resolvers_polyfill # its tests use it; it asks for Node 24 (.node-version)
  echo "export default { test: { root: 'out/packages/core', globals: true, setupFiles: ['$PWD/with-resolvers.mjs'],
    include: ['test/**/*.test.js', 'src/**/*.test.js'], environmentMatchGlobs: [['test/errors.test.js', 'happy-dom']] } }" \
    > vitest.realworld.mjs
  CI=true node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot
}

# The stored mirror lacks blobs of its generated docs/ pages: only what the build and tests read is extracted.
archive_paths_ioredis() { echo lib test package.json tsconfig.json; }
config_ioredis() { # ioredis 6.0.0: its tsconfig.json (commonjs, ES2021), emitting, with its tests (test/helpers, test/unit and
  # test/functional for its test:js script, test/cluster for test:cluster); TypeScript 5's defaults where 6 changed them
  # (`strict` and `esModuleInterop` off)
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2021", "lib": ["es2021"],
    "strict": false, "esModuleInterop": false, "skipLibCheck": true, "declaration": true, "types": ["node", "mocha"] },
    "include": ["lib/**/*.ts", "test/helpers/*.ts", "test/unit/**/*.ts", "test/functional/**/*.ts", "test/cluster/**/*.ts"] }'
}
# Its own versions (mocha 11, chai 4, chai-as-promised 7, sinon 13, ...), less its lint, release, docs, coverage and
# type-test tools and its TypeScript toolchain.
tools_ioredis() {
  own_deps ioredis @ioredis/interface-generator @semantic-release/changelog @semantic-release/commit-analyzer \
    @semantic-release/exec @semantic-release/git @typescript-eslint/eslint-plugin @typescript-eslint/parser eslint \
    eslint-config-prettier nyc prettier semantic-release ts-node tsd typedoc typescript
}
redis_start() { # port [option...]: Debian's redis-server on 127.0.0.1:port, its files and log in redis/<port>; prints its pid
  mkdir -p "redis/$1"
  redis-server --bind 127.0.0.1 --port "$1" --save '' --appendonly no --dir "$PWD/redis/$1" --logfile "$PWD/redis/$1/redis.log" \
    "${@:2}" > /dev/null 2>&1 &
  echo $!
  local tries
  for tries in $(seq 50); do redis-cli -p "$1" ping > /dev/null 2>&1 && return; sleep 0.1; done
}
redis_stop() { # pid...: stops them, and waits until they are gone and their ports free
  kill "$@"
  local pid
  for pid in "$@"; do while kill -0 "$pid" 2> /dev/null; do sleep 0.1; done; done
}
suite_ioredis() { # its test:js and test:cluster scripts (mocha 11 with its package.json settings: --exit, 8 s time-out,
  # recursive) on out/: test:js against a redis-server on 127.0.0.1:6379, test:cluster against a cluster of three masters
  # and three replicas on ports 3000-3005 (what its docker-compose.yml starts), both started here and stopped after
  local mocha=(node "$WORK/ioredis/node_modules/mocha/bin/mocha.js" --no-config --no-package --exit --timeout 8000 --recursive
    --reporter dot) pids=() port tries status=0
  rm -rf redis # the tracing-off and tracing-on runs share a folder: a fresh cluster for each
  pids=("$(redis_start 6379)")
  NODE_ENV=test "${mocha[@]}" 'out/test/helpers/*.js' 'out/test/unit/**/*.js' 'out/test/functional/**/*.js' || status=1
  redis_stop "${pids[@]}"
  pids=()
  for port in 3000 3001 3002 3003 3004 3005; do
    pids+=("$(redis_start $port --cluster-enabled yes --cluster-config-file nodes.conf)")
  done
  redis-cli --cluster create 127.0.0.1:{3000..3005} --cluster-replicas 1 --cluster-yes > redis/cluster-create.log 2>&1
  # Until the slots are assigned and CLUSTER SLOTS lists the three replicas (a replica still in its first sync is left
  # out, and its `#nodes() returns replica nodes` test would fail)
  for tries in $(seq 150); do
    redis-cli -p 3000 cluster info | grep -q cluster_state:ok \
      && [ "$(redis-cli -p 3000 cluster slots | grep -cxE '300[345]')" -ge 3 ] && break
    sleep 0.2
  done
  NODE_ENV=test "${mocha[@]}" 'out/test/cluster/**/*.js' || status=1
  redis_stop "${pids[@]}"
  # The servers' warnings and errors (the `#` lines of their logs), to compare between the runs
  grep -H ' # ' redis/*/redis.log | sed -E 's|^redis/([0-9]+)/redis.log:[0-9]+:[A-Z] [^#]*# |redis \1: |; s/pid=[0-9]+/pid=N/' | sort | uniq -c
  return $status
}

vitest_package_resolver() { # name=folder...: a vite plugin, `packageResolver`, that resolves each package name to its
  # compiled files in out/<folder> (`name/x` to x.js, or to x/index.js for a folder), and `out`, the absolute out/
  echo "import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
const out = resolve('out')
const packages = $(printf '%s\n' "$@" | node -e 'console.log(JSON.stringify(require("fs").readFileSync(0, "utf8").trim().split("\n").map((pair) => pair.split("="))))')
const compiled = (folder, path) => [\`\${out}/\${folder}/\${path}.js\`, \`\${out}/\${folder}/\${path}/index.js\`].find((file) => existsSync(file))
const packageResolver = {
  name: 'package-resolver', enforce: 'pre',
  resolveId(source) {
    for (const [name, folder] of packages) {
      if (source === name) return compiled(folder, 'index')
      if (source.startsWith(\`\${name}/\`)) return compiled(folder, source.slice(name.length + 1))
    }
  }
}"
}

# Effect 4.0.0-rc.111 (Effect-TS/effect's monorepo): the `effect` package, its test helpers (@effect/vitest) and its
# Node platform (@effect/platform-node, @effect/platform-node-shared), sources and tests built in one program.
# Needs Node 22.19 or later (its undici 8): run it under Node 24 (docs/realworld.md).
archive_paths_effect() { echo packages/effect packages/vitest packages/platform/node packages/platform/node-shared vitest.setup.ts; }
config_effect() { # its tsconfig.base.json and tsconfig.tests.json (ES2022, `.ts` imports rewritten, strict with
  # exactOptionalPropertyTypes; `erasableSyntaxOnly` is off for its tests), emitting ES modules for vitest with bundler
  # resolution; its tests' path mappings for the packages, each name to its sources (or a folder's index.ts)
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "es2022", "moduleDetection": "force",
    "verbatimModuleSyntax": true, "rewriteRelativeImportExtensions": true, "resolveJsonModule": true, "strict": true,
    "exactOptionalPropertyTypes": true, "noImplicitOverride": true, "skipLibCheck": true, "declaration": true,
    "types": ["node"], "jsx": "react-jsx",
    "paths": { "effect": ["./packages/effect/src/index.ts"],
      "effect/*": ["./packages/effect/src/*.ts", "./packages/effect/src/*/index.ts"], "effect-test/*": ["./packages/effect/test/*.ts"],
      "@effect/vitest": ["./packages/vitest/src/index.ts"], "@effect/vitest/*": ["./packages/vitest/src/*.ts"],
      "@effect/platform-node": ["./packages/platform/node/src/index.ts"], "@effect/platform-node/*": ["./packages/platform/node/src/*.ts"],
      "@effect/platform-node-shared": ["./packages/platform/node-shared/src/index.ts"],
      "@effect/platform-node-shared/*": ["./packages/platform/node-shared/src/*.ts"] } },
    "include": ["vitest.setup.ts", "packages/effect/src", "packages/effect/test", "packages/vitest/src", "packages/platform/*/src",
      "packages/platform/*/test"],
    "exclude": ["**/cluster-integration/**", "**/test/cluster/**", "**/*.integration.test.ts", "**/fixtures/mysql2-utils.ts",
      "**/fixtures/pg-utils.ts"] }'
}
# Its packages' dependencies and the dev dependencies its tests import (vitest 4), @types/node for Node 24.
tools_effect() {
  echo vitest@^4.1.10 fast-check@^4.9.0 msgpackr@^2.0.5 ajv@^8.20.0 ajv-draft-04@^1.0.0 immer@^11.1.17 valibot@^1.4.2 \
    @types/node@^24 undici@^8.10.0 mime@^4.1.0 ws@^8.21.3 @types/ws@^8.18.1 tar@^7.5.22 redis@^6.2.1 vitest-websocket-mock@^0.7.0
}
plugin_options_effect() { echo ', "exclude": []'; }
suite_effect() { # its vitest.config.ts's "effect", "@effect/platform-node" and "@effect/platform-node-shared" projects on out/
  # (its setup file, concurrent tests, the same excludes: integration tests need containers), the package names resolved
  # to the compiled files, its fixtures and snapshots beside the compiled tests
  local file
  for file in $(find packages -path '*/test/*' -type f ! -name '*.ts'); do
    mkdir -p "out/$(dirname "$file")"
    case $file in
      *.ts.snap) cp "$file" "out/${file%.ts.snap}.js.snap" ;;
      *) cp -n "$file" "out/$file" ;;
    esac
  done
  echo "$(vitest_package_resolver effect-test=packages/effect/test effect=packages/effect/src @effect/vitest=packages/vitest/src \
    @effect/platform-node-shared=packages/platform/node-shared/src @effect/platform-node=packages/platform/node/src)
export default {
  plugins: [packageResolver],
  test: {
    root: out, setupFiles: [\`\${out}/vitest.setup.js\`], sequence: { concurrent: true }, fakeTimers: { toFake: undefined },
    include: ['packages/effect/test/**/*.test.js', 'packages/platform/*/test/**/*.test.js'],
    exclude: ['**/node_modules/**', '**/test/utils/**', '**/cluster-integration/**', '**/test/cluster/**', '**/*.integration.test.js']
  }
}" > vitest.realworld.mjs
  CI=true node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot
}

# TanStack Query's framework-agnostic core (TanStack/query's monorepo): @tanstack/query-core and its test helpers.
archive_paths_tanstack_query_core() { echo packages/query-core packages/query-test-utils; }
config_tanstack_query_core() { # its tsconfig.json (ES2020, bundler resolution, strict, noUncheckedIndexedAccess),
  # emitting, without its type tests (`*.test-d.tsx`), the test helpers' package name to their sources
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "es2020",
    "lib": ["DOM", "DOM.Iterable", "ES2022"], "strict": true, "noUncheckedIndexedAccess": true, "isolatedModules": true,
    "esModuleInterop": true, "skipLibCheck": true, "declaration": true, "jsx": "react-jsx", "types": ["node"],
    "paths": { "@tanstack/query-test-utils": ["./packages/query-test-utils/src/index.ts"] } },
    "include": ["packages/query-core/src", "packages/query-test-utils/src"], "exclude": ["**/*.test-d.tsx", "**/*.test-d.ts"] }'
}
tools_tanstack_query_core() { echo vitest@^4.0.18 jsdom@^27.0.0; }
plugin_options_tanstack_query_core() { echo ', "exclude": []'; }
suite_tanstack_query_core() { # its vite.config.ts on out/ (jsdom, restoreMocks), the helpers' package name to the compiled file
  echo "export default { resolve: { alias: { '@tanstack/query-test-utils': '$PWD/out/packages/query-test-utils/src/index.js' } },
    test: { root: 'out', include: ['packages/*/src/**/*.test.js'], environment: 'jsdom', restoreMocks: true } }" > vitest.realworld.mjs
  CI=true node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot
}

# es-toolkit: its sources and their spec files. Its iterator functions use the iterator helpers of Node 22: run it under Node 24.
archive_paths_es_toolkit() { echo src tests package.json; }
config_es_toolkit() { # its tsconfig.json (ESNext, bundler resolution, `.ts` imports), emitting with them rewritten to `.js`;
  # its package's `exports` as path mappings (`es-toolkit/fp` is src/fp/index.ts); not its dist and type tests
  echo '{ "compilerOptions": { "lib": ["ESNext", "DOM"], "target": "ESNext", "module": "ESNext", "moduleResolution": "Bundler",
    "allowImportingTsExtensions": true, "rewriteRelativeImportExtensions": true, "esModuleInterop": true, "strict": true,
    "skipLibCheck": true, "declaration": true, "types": ["node"],
    "paths": { "es-toolkit": ["./src/index.ts"], "es-toolkit/*": ["./src/*/index.ts"] } },
    "include": ["src", "tests/__proto__.spec.ts"] }'
}
tools_es_toolkit() { echo vitest@^4.1.10 fast-check@4.8.0 happy-dom@20.9.0 @types/node@^24; }
plugin_options_es_toolkit() { echo ', "exclude": []'; }
suite_es_toolkit() { # its vitest.config.mts on out/, the package's names to the compiled files
  echo "$(vitest_package_resolver es-toolkit=src)
export default { plugins: [packageResolver], test: { root: out, include: ['**/*.spec.js'], exclude: ['**/node_modules/**'] } }" \
    > vitest.realworld.mjs
  CI=true node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot
}

# Jotai (pmndrs/jotai): its vanilla store and React bindings with its tests; not its Babel plugin (src/babel, tests/babel).
archive_paths_jotai() { echo src tests package.json; }
config_jotai() { # its tsconfig.json (esnext, bundler resolution, react-jsx, isolatedDeclarations, its path mappings for the
  # jotai/* imports of its tests), emitting: its sources import ./x.ts, rewritten to ./x.js
  echo '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", "target": "esnext", "jsx": "react-jsx",
    "strict": true, "esModuleInterop": true, "skipLibCheck": true, "allowImportingTsExtensions": true,
    "rewriteRelativeImportExtensions": true, "noUncheckedIndexedAccess": true, "exactOptionalPropertyTypes": true,
    "verbatimModuleSyntax": true, "declaration": true, "isolatedDeclarations": true, "types": ["@testing-library/jest-dom"],
    "paths": { "jotai": ["./src/index.ts"], "jotai/*": ["./src/*.ts"] } },
    "include": ["src/**/*", "tests/**/*"], "exclude": ["src/babel/**", "tests/babel/**"] }'
}
# Its dev dependencies that its tests import (vitest 4.1.0, React 19, Testing Library, rxjs, wonka), jsdom 27 for Node 20.
tools_jotai() {
  echo vitest@4.1.0 jsdom@27 @testing-library/dom@^10.4.1 @testing-library/jest-dom@^6.9.1 @testing-library/react@^16.3.2 \
    @types/react@^19.2.14 @types/react-dom@^19.2.3 react@^19.2.4 react-dom@^19.2.4 rxjs@^7.8.2 wonka@^6.3.6 jest-leak-detector@30.3.0
}
# Its components, atoms and stores are declared in its test files: instrument them too.
plugin_options_jotai() { echo ', "exclude": []'; }
suite_jotai() { pmndrs_vitest_suite jotai; }

# Valibot (fabian-hiller/valibot): its library package, sources and tests side by side in library/src.
archive_paths_valibot() { echo library/src; }
config_valibot() { # its library/tsconfig.json (ES2020, `.ts` imports, exactOptionalPropertyTypes, isolatedDeclarations), emitting
  # with the imports rewritten to `.js` (bundler resolution for that, where it has node10); not its type tests
  echo '{ "compilerOptions": { "allowImportingTsExtensions": true, "rewriteRelativeImportExtensions": true, "declaration": true,
    "exactOptionalPropertyTypes": true, "isolatedDeclarations": true, "lib": ["ESNext", "DOM"], "module": "ESNext",
    "moduleResolution": "bundler", "skipLibCheck": true, "strict": true, "target": "ES2020", "types": [] },
    "include": ["library/src"], "exclude": ["**/*.test-d.ts"] }'
}
tools_valibot() { echo vitest@3.0.7 jsdom@^26.0.0; }
plugin_options_valibot() { echo ', "exclude": []'; }
suite_valibot() { # its library/vitest.config.ts on out/ (jsdom, isolate: false)
  echo "export default { test: { root: 'out', environment: 'jsdom', isolate: false, include: ['**/*.test.js'] } }" > vitest.realworld.mjs
  CI=true node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot
}

# Piscina 4.6.1 (piscinajs/piscina): a worker-thread pool; each worker thread loads its compiled src/worker.js.
config_piscina() { # its tsconfig.json and test/tsconfig.json (commonjs, es2019; strict off for its tests), sources, tests
  # and the .ts fixtures its workers load, together. Its tests import the package as `..` and `../dist/*`, which have no
  # types at compile time (its own build makes dist/ first); the nice test imports the optional @napi-rs/nice
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2019", "lib": ["es2019"],
    "strict": false, "noImplicitAny": false, "noUnusedLocals": true, "noUnusedParameters": true, "noImplicitReturns": true,
    "noFallthroughCasesInSwitch": true, "esModuleInterop": true, "resolveJsonModule": true, "sourceMap": true,
    "forceConsistentCasingInFileNames": true, "skipLibCheck": true, "declaration": true, "types": ["node"] },
    "include": ["src/**/*.ts", "test/**/*.ts"] }'
}
# Its own versions (tap 16, @types/node 22, concat-stream, gen-esm-wrapper, ...), less its lint, coverage, benchmark
# and TypeScript tools; and its optional dependency @napi-rs/nice (a native module with prebuilt binaries), which
# its nice test and its `niceIncrement` option load.
tools_piscina() {
  own_deps piscina @typescript-eslint/eslint-plugin @typescript-eslint/parser c8 snazzy standardx tinybench ts-node typescript
  echo @napi-rs/nice@^1.0.1
}
# Its tests and fixtures run the pool and the tasks its workers run: instrument them too.
plugin_options_piscina() { echo ', "exclude": []'; }
suite_piscina() { # its npm test (tap 16, its .taprc's jobs and timeout, without coverage) on out/, laid out as its build
  # lays the package out: its package.json (src/index.js reads ../package.json, and load-with-esm imports `piscina`
  # by its own name), dist/ as a link to the compiled src/, dist/esm-wrapper.mjs written by gen-esm-wrapper
  cp package.json out/ && ln -sfn src out/dist && cp test/fixtures/*.js test/fixtures/*.mjs out/test/fixtures/
  (cd out && node "$WORK/piscina/node_modules/gen-esm-wrapper/gen-esm-wrapper.js" . dist/esm-wrapper.mjs) || return 1
  # Its tests give the workers (and console-log's child process) the .ts fixtures by name, which ts-node loads: the
  # compiled files here
  sed -i -E "s#(fixtures/[a-z-]+)\.ts'#\1.js'#" out/test/*.js
  (cd out && node "$WORK/piscina/node_modules/tap/bin/run.js" --no-coverage --no-color --reporter=classic --jobs=2 \
    --timeout=60 test/*.js)
}

# axios-retry (softonic/axios-retry, its default branch after 4.5.0): axios interceptors that retry failed requests.
config_axios_retry() { # its tsconfig-base.json and tsconfig-cjs.json (commonjs, es2015), as its ts-node tests run, with its spec
  echo '{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "target": "es2015", "lib": ["esnext"],
    "allowJs": true, "allowSyntheticDefaultImports": true, "baseUrl": "src", "esModuleInterop": true, "resolveJsonModule": true,
    "noFallthroughCasesInSwitch": true, "strict": true, "noImplicitAny": false, "skipLibCheck": true, "declaration": true,
    "types": ["node", "jasmine", "axios"] },
    "include": ["src/**/*.ts", "spec/**/*.ts"] }'
}
# Its own versions (nock 13, jasmine 5, is-retry-allowed 2), not its lint, formatting and git hook tools; axios as its lock
# file has it, 1.6.2: its eject test reads the private `handlers` array of axios's interceptor managers, which 1.21 rewrote.
tools_axios_retry() {
  own_deps axios-retry axios typescript ts-node eslint eslint-config-prettier eslint-plugin-jasmine eslint-plugin-prettier \
    @typescript-eslint/eslint-plugin @typescript-eslint/parser prettier husky lint-staged
  echo axios@1.6.2
}
# Its test file makes the axios instances and calls and sets up nock: instrument it too.
plugin_options_axios_retry() { echo ', "exclude": []'; }
suite_axios_retry() { # its spec/support/jasmine.json (in order, not random) on out/
  echo '{ "spec_dir": "out/spec", "spec_files": ["**/*[sS]pec.js"], "stopSpecOnExpectationFailure": false, "random": false }' \
    > jasmine.realworld.json
  node "$WORK/axios-retry/node_modules/jasmine/bin/jasmine.js" --config=jasmine.realworld.json
}

# h3 1.15.1 (unjs/h3, its v1 line's newest release tag): an HTTP framework whose apps its tests serve through node:http
# (`toNodeListener`), called by supertest, fetch and undici.
archive_paths_h3() { echo src test package.json; }
config_h3() { # its tsconfig.json (ESNext, node10 resolution, its lib list, strict), its sources and tests together
  echo '{ "compilerOptions": { "baseUrl": ".", "target": "esnext", "module": "esnext", "moduleResolution": "node",
    "lib": ["WebWorker", "DOM", "DOM.Iterable"], "strict": true, "skipLibCheck": true, "allowSyntheticDefaultImports": true,
    "declaration": true, "types": ["node"] },
    "include": ["src", "test"] }'
}
# Its own versions (vitest 3, express 4, connect, react 19, undici 7, zod, ...), less its lint, build, release, coverage
# and benchmark tools (and h3 itself, which its tests do not import); supertest at its lock file's 7.0.0: from 7.1 on,
# supertest listens on 127.0.0.1, not on `::`, and the fingerprint tests' snapshots hold the `::ffff:127.0.0.1` it sees.
tools_h3() {
  own_deps h3 0x @vitest/coverage-v8 autocannon automd changelogen eslint eslint-config-unjs prettier typescript unbuild \
    jiti listhen h3 supertest
  echo supertest@7.0.0
}
# Its apps, handlers and middleware are declared in its test files: instrument them too.
plugin_options_h3() { echo ', "exclude": []'; }
suite_h3() { # its vitest.config.mjs on out/ (its setup file; without its type tests and coverage); two tests read test/assets
  ln -sfn ../../test/assets out/test/assets
  echo 'export default { test: { root: "out", include: ["test/**/*.test.js"], setupFiles: ["./test/_setup.js"] } }' \
    > vitest.realworld.mjs
  node ../node_modules/vitest/vitest.mjs run --config vitest.realworld.mjs --reporter dot
}

# Cockatiel 4.0.0 (connor4312/cockatiel, its master's head: v3.2.1 is its newest tag): resilience policies (retry,
# circuit breaker, timeout, bulkhead, fallback) with AbortSignal cancellation and its own event emitters.
config_cockatiel() { # its tsconfig.json (nodenext, ES2023, legacy decorators, source maps), sources and tests side by side in src/
  echo '{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "ES2023", "lib": ["ES2023"],
    "strict": true, "experimentalDecorators": true, "noImplicitReturns": true, "noUnusedLocals": true, "noUnusedParameters": true,
    "forceConsistentCasingInFileNames": true, "sourceMap": true, "inlineSources": true, "newLine": "LF", "declaration": true,
    "types": ["node", "mocha", "sinon-chai", "chai-as-promised"] },
    "include": ["src/**/*.ts"] }'
}
# Its own versions (mocha 11, chai 6, chai-as-promised 8, sinon 21, sinon-chai 4, source-map-support), less its
# coverage, format, docs and clean-up tools and its TypeScript.
tools_cockatiel() { own_deps cockatiel nyc prettier remark-cli remark-toc remark-validate-links rimraf typescript; }
# Its tests are *.test.ts files beside the sources, with classes decorated by its @usePolicy: instrument them too.
plugin_options_cockatiel() { echo ', "exclude": []'; }
suite_cockatiel() { # its npm run test:unit (.mocharc.cjs: source-map-support, a 10 s timeout) on out/; its unref tests run
  # `import('./dist/index.js')` in a child process, from two folders above the compiled src/common/util.test.js: out/dist here
  ln -sfn src out/dist
  node "$WORK/cockatiel/node_modules/mocha/bin/mocha.js" --no-config --require source-map-support/register --timeout 10000 \
    --reporter dot 'out/src/**/*.test.js'
}

# TypeBox 0.34.41 (sinclairzx81/typebox, its newest 0.34.x release tag; its default branch is now 1.x, a Deno layout): a JSON
# Schema type builder whose TypeCompiler generates validation code and evaluates it with `new Function`, and whose Value
# module checks, casts, cleans, converts, diffs and patches values.
archive_paths_typebox() { echo src test/runtime package.json; }
config_typebox() { # its tsconfig.json (Node16, ES2020, strict, its path mappings for the @sinclair/typebox/* imports of its
  # tests), as its cjs build compiles src/ (with --declaration); its runtime tests (test/runtime, which its hammer task bundles
  # with esbuild) compiled with the sources instead. Not its static (type-only) tests
  echo '{ "compilerOptions": { "strict": true, "target": "ES2020", "module": "Node16", "moduleResolution": "Node16",
    "baseUrl": ".", "declaration": true, "types": ["node", "mocha"],
    "paths": { "@sinclair/typebox/compiler": ["src/compiler/index.ts"], "@sinclair/typebox/errors": ["src/errors/index.ts"],
      "@sinclair/typebox/parser": ["src/parser/index.ts"], "@sinclair/typebox/syntax": ["src/syntax/index.ts"],
      "@sinclair/typebox/system": ["src/system/index.ts"], "@sinclair/typebox/type": ["src/type/index.ts"],
      "@sinclair/typebox/value": ["src/value/index.ts"], "@sinclair/typebox": ["src/index.ts"] } },
    "include": ["src/**/*.ts", "test/runtime/**/*.ts"] }'
}
# Its own versions (mocha 11, ajv 8 and ajv-formats 2 for its compiler-ajv tests), less its build, package and format tools.
tools_typebox() { own_deps typebox @arethetypeswrong/cli @sinclair/hammer prettier typescript; }
suite_typebox() { # its test_runtime task (mocha on the one entry file that imports every test) on out/; the package's names
  # resolve to the compiled src/ (its folders' index.js files), as esbuild resolves its path mappings in its bundle
  mkdir -p node_modules/@sinclair && ln -sfn ../../out/src node_modules/@sinclair/typebox
  node "$WORK/typebox/node_modules/mocha/bin/mocha.js" --no-config --reporter dot out/test/runtime/index.js
}

# MQTT.js 5.14.1 (mqttjs/MQTT.js, its newest release tag): an MQTT client over TCP, TLS and WebSocket (readable-stream
# Duplexes, its keep-alive manager and timers, reconnects, in-memory and level stores); its tests start MQTT servers
# in-process (mqtt-connection over net, tls and ws) and fork one.
archive_paths_mqtt() { echo src test/node package.json; }
config_mqtt() { # its tsconfig.json over @tsconfig/node20 20.1.6 (node16, ES2022, lib es2023 and DOM), spelled out, with its
  # node tests (not strict; its baseUrl, which its tests' `src/...` imports go through); not incremental
  echo '{ "compilerOptions": { "module": "node16", "moduleResolution": "node16", "target": "es2022", "lib": ["es2023", "DOM"],
    "esModuleInterop": true, "skipLibCheck": true, "declaration": true, "newLine": "LF", "preserveConstEnums": false,
    "isolatedModules": false, "sourceMap": true, "forceConsistentCasingInFileNames": true, "noErrorTruncation": true,
    "allowUnreachableCode": false, "allowUnusedLabels": false, "alwaysStrict": true, "removeComments": true,
    "allowSyntheticDefaultImports": true, "baseUrl": "./", "preserveSymlinks": true, "resolveJsonModule": true,
    "strict": false, "strictBindCallApply": false, "strictBuiltinIteratorReturn": false, "strictFunctionTypes": false,
    "strictNullChecks": false, "strictPropertyInitialization": false, "noImplicitAny": false, "noImplicitThis": false,
    "useUnknownInCatchVariables": false, "types": ["node"] },
    "include": ["src", "test/node"] }'
}
# Its own versions (mqtt-packet 9, readable-stream 4, ws 8, chai 5, sinon 17, mqtt-connection, mqtt-level-store, ...), less
# its lint, format, release, browser-test, bundling, coverage and TypeScript tools.
tools_mqtt() {
  own_deps mqtt @eslint/eslintrc @eslint/js @esm-bundle/chai @release-it/conventional-changelog @typescript-eslint/eslint-plugin \
    @typescript-eslint/parser @web/test-runner @web/test-runner-playwright aedes-cli chokidar conventional-changelog-cli esbuild \
    esbuild-plugin-polyfill-node esbuild-register eslint eslint-config-prettier eslint-plugin-import eslint-plugin-prettier \
    global globals mkdirp nyc pre-commit prettier release-it rimraf snazzy tape @types/tape ts-node typescript
}
suite_mqtt() { # its unit-test:node (node --test, 4 files at a time, the spec reporter) on out/: its package.json beside out/src
  # (src/lib/shared reads ../../package.json), its certificates beside the compiled helpers, its tests' `src/...` imports
  # through NODE_PATH (its baseUrl); its reconnect test forks helpers/server_process.ts with ts-node: the compiled file here
  cp package.json out/ && cp test/node/helpers/*.pem out/test/node/helpers/
  sed -i -e "s#'server_process.ts'#'server_process.js'#" -e "s#\['-r', 'ts-node/register'\]#[]#" out/test/node/client.js
  NODE_PATH=out node --test-concurrency 4 --test-reporter=spec --test out/test/node/*.js
}

jest_recording() { # with RW_SPANS=1, jest's option that loads the span recorder into each test file's own module registry,
  # where the traced build's runtime is loaded again (the --require of the run reaches only jest's own)
  [ -z "${RW_SPANS_FILE:-}" ] || echo "--setupFiles $ROOT/scripts/realworld-spans-record.js"
}

write_config() { # name dir plugins-json: the project's tsconfig.realworld.json in dir
  "config_${1//-/_}" | node -e '
    const config = JSON.parse(require("fs").readFileSync(0, "utf8"));
    Object.assign(config.compilerOptions, { outDir: "out", declarationDir: "types", rootDir: ".", plugins: JSON.parse(process.argv[1]) });
    // TypeScript 6 deprecates options these projects still use (es5, node10 resolution); TypeScript 5 rejects the setting.
    if (require(process.argv[3] + "/package.json").version.startsWith("6.")) config.compilerOptions.ignoreDeprecations = "6.0";
    require("fs").writeFileSync(process.argv[2], JSON.stringify(config, null, 2));
  ' "$3" "$2/tsconfig.realworld.json" "$WORK/node_modules/typescript"
}

build() { # name variant plugins-json: tspc into $WORK/<name>/<variant>/out
  local name=$1 variant=$2 plugins=$3 dir=$WORK/$1/$2
  rm -rf "$dir" && cp -r "$WORK/$name/tree" "$dir"
  write_config "$name" "$dir" "$plugins"
  (cd "$dir" && node "$WORK/node_modules/ts-patch/bin/tspc.js" -p tsconfig.realworld.json)
}

instrument() { # name plugins-json: the plain build's out/, instrumented in place by `spanweave instrument`, in $WORK/<name>/instrumented
  local name=$1 dir=$WORK/$1/instrumented
  rm -rf "$dir" && cp -r "$WORK/$name/plain" "$dir"
  write_config "$name" "$dir" "$2"
  # The instrumented files import the plugin entry's `runtime` path, as the tspc build does.
  (cd "$dir" && node "$ROOT/dist/bin/spanweave.js" instrument out --project tsconfig.realworld.json)
}

counts() { # the test-count lines of mocha, vitest, jest, ava, jasmine and node --test in a log (ava's timeout too)
  # node --test writes TAP (`# pass 79`) to a pipe on Node 20, and its spec reporter (`ℹ pass 79`) on Node 24.
  grep -aoiE '[0-9]+ (tests? )?(passing|failing|passed|failed|pending|skipped)|[0-9]+ tests? remained pending|timed out while running tests|[0-9]+ (known failures?|unhandled rejections?|uncaught exceptions?)|^(#|ℹ) (pass|fail|cancelled) [0-9]+|[0-9]+ specs?, [0-9]+ failures?(, [0-9]+ pending specs?)?' "$1"
}

suite() { # name variant label env...: runs the suite, keeps its log, prints a one-line result
  local name=$1 variant=$2 label=$3; shift 3
  local log=$WORK/$name/$label.log
  (cd "$WORK/$name/$variant" && for setting in "$@"; do export "${setting?}"; done && "suite_${name//-/_}") > "$log" 2>&1
  local code=$?
  echo "  $label: exit $code, $(counts "$log" | tr '\n' ' ')"
  return $code
}

run_project() { # name owner/repo commit
  local name=$1 failed=0 variant=traced off=tracing-off on=tracing-on
  echo "== $name ($2@${3:0:12})"
  checkout "$@" || { echo "  checkout failed"; return 1; }
  install_project_tools "$name" || { echo "  installing its tools failed"; return 1; }
  local options=""
  declare -F "plugin_options_${name//-/_}" > /dev/null && options=$("plugin_options_${name//-/_}")
  local plugin="[{ \"transform\": \"$ROOT/dist/transformer/index.js\", \"runtime\": \"$ROOT/dist/runtime/index.js\", \"functions\": \"all\"$options }]"
  build "$name" plain '[]' > "$WORK/$name/build-plain.log" 2>&1
  if [ "$MODE" = js ]; then
    variant=instrumented off=js-off on=js-on
    instrument "$name" "$plugin" > "$WORK/$name/instrument.log" 2>&1 \
      || { echo "  spanweave instrument failed (see instrument.log)"; failed=1; }
  else
    build "$name" traced "$plugin" > "$WORK/$name/build-traced.log" 2>&1
    [ -d "$WORK/$name/traced/out" ] || { echo "  spanweave build emitted nothing"; failed=1; }
    # Their tests are not always type-clean outside their own toolchain: tsc
    # still emits, and the spanweave build must print the same diagnostics. A
    # diagnostic can name a file of the build's own folder by its full path (a
    # package.json, in TS1479): that folder is spelled the same in both.
    diff <(sed "s#$WORK/$name/plain/#<build>/#g" "$WORK/$name/build-plain.log") \
      <(sed "s#$WORK/$name/traced/#<build>/#g" "$WORK/$name/build-traced.log") > "$WORK/$name/build.diff" \
      || { echo "  the spanweave build's diagnostics differ (see build.diff)"; failed=1; }
    (cd "$WORK/$name" && diff -r plain/types traced/types) > "$WORK/$name/dts.diff" \
      || { echo "  .d.ts output differs (see dts.diff)"; failed=1; }
  fi
  suite "$name" plain plain SPANWEAVE_DEBUG=1 || failed=1
  suite "$name" $variant $off OTEL_SDK_DISABLED=true SPANWEAVE_DEBUG=1 || failed=1
  local record=()
  if [ -n "${RW_SPANS:-}" ] && [ "$MODE" = tspc ]; then
    rm -f "$WORK/$name/spans.jsonl"
    record=("NODE_OPTIONS=--require $ROOT/scripts/realworld-spans-record.js ${NODE_OPTIONS:-}" "RW_SPANS_FILE=$WORK/$name/spans.jsonl")
  fi
  suite "$name" $variant $on OTEL_TRACES_EXPORTER=none OTEL_TRACES_SAMPLER=always_on SPANWEAVE_DEBUG=1 "${record[@]}" || failed=1
  if [ ${#record[@]} -gt 0 ]; then
    touch "$WORK/$name/spans.jsonl" && node "$ROOT/scripts/realworld-spans-summary.js" "$WORK/$name/spans.jsonl" | tee "$WORK/$name/spans.txt"
  fi
  for label in $off $on; do
    if ! diff <(counts "$WORK/$name/plain.log") <(counts "$WORK/$name/$label.log") > /dev/null; then
      echo "  $label: test counts differ from the plain build"; failed=1
    fi
    if grep -aq 'spanweave: fault' "$WORK/$name/$label.log"; then echo "  $label: spanweave printed a fault (see $label.log)"; failed=1; fi
  done
  [ $failed = 0 ] && echo "  same results" || true
  return $failed
}

cpu_seconds() { # command...: its user+sys CPU seconds (its exit status and output ignored)
  local times
  times=$(mktemp)
  /usr/bin/time -f '%U %S' -o "$times" "$@" > /dev/null 2>&1
  # The last line: time puts "Command exited with non-zero status" before it.
  awk 'END { printf "%.2f", $1 + $2 }' "$times" && rm -f "$times"
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

build_time_project() { # name owner/repo commit: one markdown row
  local name=$1 dir=$WORK/$1/build-time runs=${RW_RUNS:-3} run tsc=() tspc=() defaults=() traced=()
  checkout "$@" || { echo "| $name | checkout failed |"; return 1; }
  rm -rf "$dir" && cp -r "$WORK/$name/tree" "$dir"
  local options="" entry="\"transform\": \"$ROOT/dist/transformer/index.js\", \"runtime\": \"$ROOT/dist/runtime/index.js\", \"functions\": \"all\""
  declare -F "plugin_options_${name//-/_}" > /dev/null && options=$("plugin_options_${name//-/_}")
  # With the project's own plugin options (its test files instrumented, as its runs have them), and with spanweave's
  # defaults (`exclude` keeps the test files out), which a user starts from. The timed builds write no report: asking
  # for one makes the selection plan every file before emit, which a build without it does not pay; one more build of
  # each, not timed, writes the report that counts the functions.
  local variant plugin
  for variant in traced default; do
    plugin="$entry"
    [ $variant = traced ] && plugin="$entry$options"
    write_config "$name" "$dir" "[{ $plugin }]" && mv "$dir/tsconfig.realworld.json" "$dir/tsconfig.$variant.json"
    write_config "$name" "$dir" "[{ $plugin, \"report\": \"report-$variant.json\" }]" && mv "$dir/tsconfig.realworld.json" "$dir/tsconfig.$variant-report.json"
  done
  write_config "$name" "$dir" '[]'
  cd "$dir" || return 1
  for ((run = 0; run < runs; run++)); do
    tsc+=("$(cpu_seconds node "$WORK/node_modules/typescript/bin/tsc" -p tsconfig.realworld.json)")
    tspc+=("$(cpu_seconds node "$WORK/node_modules/ts-patch/bin/tspc.js" -p tsconfig.realworld.json)")
    defaults+=("$(cpu_seconds node "$WORK/node_modules/ts-patch/bin/tspc.js" -p tsconfig.default.json)")
    traced+=("$(cpu_seconds node "$WORK/node_modules/ts-patch/bin/tspc.js" -p tsconfig.traced.json)")
  done
  local lines functions default_functions t p d s
  lines=$(node "$WORK/node_modules/typescript/bin/tsc" -p tsconfig.realworld.json --listFilesOnly \
    | grep -v -e /node_modules/ -e '\.d\.ts$' | xargs cat | wc -l)
  for variant in traced default; do node "$WORK/node_modules/ts-patch/bin/tspc.js" -p "tsconfig.$variant-report.json" > /dev/null 2>&1; done
  functions=$(node -p 'require("./report-traced.json").instrumented.length')
  default_functions=$(node -p 'require("./report-default.json").instrumented.length')
  t=$(median "${tsc[@]}") p=$(median "${tspc[@]}") d=$(median "${defaults[@]}") s=$(median "${traced[@]}")
  cd - > /dev/null || return 1
  echo "| $name | $lines | $t s | $p s ($(ratio "$p" "$t")) | $d s ($(ratio "$d" "$t"), $default_functions functions) | $s s ($(ratio "$s" "$t"), $functions functions) |"
}

ratio() { awk "BEGIN { printf \"%.2fx\", $1 / $2 }"; }

MODE=tspc
if [ "${1:-}" = --js ]; then MODE=js; shift; fi
if [ "${1:-}" = --build-time ]; then MODE=build-time; shift; fi
install_tools || exit 1
status=0
[ "$MODE" = build-time ] && echo "| project | source lines | tsc | tspc | tspc with spanweave, default options | tspc with spanweave, the project's options |" && echo "|---|---|---|---|---|---|"
for entry in "${PROJECTS[@]}"; do
  read -r name repo commit <<<"$entry"
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  if [ "$MODE" = build-time ]; then build_time_project "$name" "$repo" "$commit" || status=1; continue; fi
  run_project "$name" "$repo" "$commit" || status=1
done
exit $status
