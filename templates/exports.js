/* Every source's BibTeX, RIS and CSL-JSON, loaded by the sources page when a reader asks for one. */
window.explainerExports = {{ json }};
