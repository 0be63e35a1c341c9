export { registerInteropFeatures, INTEROP_COMMANDS } from './registerInterop';
