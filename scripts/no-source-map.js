// Stands in for the source-map package in the bundle (see bundle.js): handlebars falls back to its own
// SourceNode when this module has none.
export {};
