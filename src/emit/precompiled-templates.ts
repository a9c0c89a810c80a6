/**
 * The built-in templates, compiled when the package is built, keyed by their path below `templates/`
 * without `.hbs`: handlebars' compiler costs a cold run about 40 ms. Empty in the sources;
 * scripts/bundle.js fills it in the bundle. A template whose text is not the text compiled here
 * (an override, or an edit since the build) is compiled at run time instead.
 */
export const PRECOMPILED: Record<string, { source: string; spec: TemplateSpecification }> = {};
