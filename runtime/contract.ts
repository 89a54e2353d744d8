/**
 * The emitted-code contract: the only place where the transformer (and the
 * JavaScript instrumenter) meet the runtime.
 *
 * Compiled code imports `spanweave/runtime` and uses only the names listed in
 * `CONTRACT_NAMES`, passing descriptors of the shapes declared here. Code
 * compiled by one version of the transformer must run on every later runtime
 * with the same major `CONTRACT_VERSION`: add names and optional descriptor
 * fields freely, never change or remove one without a major bump.
 *
 * docs/contract.md explains each entry with the emitted shapes.
 */

/** Bumped on an incompatible change to a name or a descriptor below. */
export const CONTRACT_VERSION = 1;
