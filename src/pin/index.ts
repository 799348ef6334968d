export { pinFiles, type PinChange, type PinReport, type DigestResolver } from './pin.js';
export { findImageRefs, kindOf, type FoundRef } from './find-refs.js';
