export const id = 600;
export const ids = [600];
export const modules = {

/***/ 91600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LINK_REASON: () => (/* reexport safe */ _reasons_js__WEBPACK_IMPORTED_MODULE_0__.Y),
/* harmony export */   NARRATIVE_TOP_HEADING_DEPTH: () => (/* binding */ NARRATIVE_TOP_HEADING_DEPTH),
/* harmony export */   sanitizeNarrative: () => (/* binding */ sanitizeNarrative)
/* harmony export */ });
/* harmony import */ var mdast_util_from_markdown__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57391);
/* harmony import */ var mdast_util_gfm__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57830);
/* harmony import */ var mdast_util_to_markdown__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(91286);
/* harmony import */ var micromark_extension_gfm__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(19667);
/* harmony import */ var unist_util_visit__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(73617);
/* harmony import */ var _publish_markers_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(37848);
/* harmony import */ var _reasons_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(81338);







/** Depth of the narrative's top heading: the report puts the narrative under a level-2 section. */
const NARRATIVE_TOP_HEADING_DEPTH = 3;
const LINK_REMOVED = '(link removed)';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
/**
 * Sanitises a narrative. Raw HTML (comments included), images, link definitions and
 * links to origins not allowed are removed. A removed link keeps its text unless the
 * text shows the address, and then its whole sentence goes when there is a `check`.
 * Text resembling the action's comment marker and sentences rejected by `check` are
 * removed. `@mentions` and cross-repository references become inline code, and
 * headings are demoted under the report's section.
 */
function sanitizeNarrative(markdown, options = {}) {
    const tree = (0,mdast_util_from_markdown__WEBPACK_IMPORTED_MODULE_1__/* .fromMarkdown */ .Y)(markdown, { extensions: [(0,micromark_extension_gfm__WEBPACK_IMPORTED_MODULE_2__/* .gfm */ .T)()], mdastExtensions: [(0,mdast_util_gfm__WEBPACK_IMPORTED_MODULE_3__/* .gfmFromMarkdown */ .C)()] });
    const allowed = new Set((options.allowedOrigins ?? []).map(origin => safeOrigin(origin)).filter(origin => origin !== null));
    tree.children = cleanChildren(tree, allowed);
    const removed = [];
    if (options.check !== undefined)
        filterBlocks(tree, options.check, removed);
    tidyText(tree);
    neutraliseReferences(tree);
    demoteHeadings(tree, options.topHeadingDepth ?? NARRATIVE_TOP_HEADING_DEPTH);
    const serialised = tree.children.length === 0
        ? ''
        : (0,mdast_util_to_markdown__WEBPACK_IMPORTED_MODULE_4__/* .toMarkdown */ .l)(tree, {
            extensions: [(0,mdast_util_gfm__WEBPACK_IMPORTED_MODULE_3__/* .gfmToMarkdown */ .H)()],
            bullet: '-',
            emphasis: '_',
            fences: true,
            listItemIndent: 'one',
            rule: '-'
        });
    return { markdown: stripMarkers(serialised).trim(), removed };
}
/** Removes comment delimiters and the marker prefix, whatever the context (text, code, escapes). */
function stripMarkers(text) {
    return text.replace(/<!--|-->/g, '').replace(new RegExp(_publish_markers_js__WEBPACK_IMPORTED_MODULE_5__/* .MARKER_PREFIX */ .Km.replace(/[-]/g, '\\-'), 'gi'), '');
}
function safeOrigin(url) {
    try {
        const parsed = new URL(url);
        return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
    }
    catch {
        return null;
    }
}
/** The structural pass: returns a parent's children without dangerous nodes. */
function cleanChildren(parent, allowed) {
    const kept = [];
    // Inline `<script>…</script>` and the like: the text between the tags goes too.
    let skipUntil = null;
    for (const child of parent.children) {
        if (skipUntil !== null) {
            if (child.type === 'html' && skipUntil.test(child.value))
                skipUntil = null;
            continue;
        }
        switch (child.type) {
            case 'html': {
                const raw = /^<(script|style|textarea|title|iframe|noscript)\b/i.exec(child.value);
                if (raw !== null && !new RegExp(`</${raw[1]}\\s*>`, 'i').test(child.value))
                    skipUntil = new RegExp(`^</${raw[1]}\\s*>`, 'i');
                continue;
            }
            case 'image':
            case 'imageReference':
            case 'definition':
                continue;
            case 'link': {
                const origin = safeOrigin(child.url);
                if (origin !== null && allowed.has(origin)) {
                    child.children = cleanChildren(child, allowed);
                    kept.push(child);
                }
                else if (showsAddress(child, origin)) {
                    kept.push({ type: 'text', value: LINK_REMOVED });
                }
                else {
                    kept.push(...cleanChildren(child, allowed));
                }
                continue;
            }
            case 'linkReference':
                kept.push(...cleanChildren(child, allowed));
                continue;
            case 'text':
            case 'inlineCode':
            case 'code':
                child.value = stripMarkers(child.value);
                kept.push(child);
                continue;
            default:
                if ('children' in child)
                    child.children = cleanChildren(child, allowed);
                kept.push(child);
        }
    }
    return kept;
}
/** True when the link's text is or contains its address (an autolink), so keeping the text would keep the address. */
function showsAddress(link, origin) {
    const text = plainText(link).toLowerCase();
    if (/[a-z][a-z0-9+.-]*:\/\/|www\.|@/.test(text))
        return true;
    if (origin === null)
        return false;
    return text.includes(new URL(origin).hostname.toLowerCase());
}
/** Removes rejected sentences from block content, and blocks left empty. */
function filterBlocks(parent, check, removed) {
    const kept = [];
    for (const child of parent.children) {
        switch (child.type) {
            case 'paragraph':
            case 'heading':
                if (filterPhrasing(child, check, removed))
                    kept.push(child);
                break;
            case 'table':
                if (filterTable(child, check, removed))
                    kept.push(child);
                break;
            case 'code':
                if (filterCode(child, check, removed))
                    kept.push(child);
                break;
            case 'list':
            case 'listItem':
            case 'blockquote':
            case 'footnoteDefinition':
                filterBlocks(child, check, removed);
                if (child.children.length > 0)
                    kept.push(child);
                break;
            default:
                kept.push(child);
        }
    }
    parent.children = kept;
}
/** Removes rejected sentences from a paragraph or heading; returns false when nothing is left. */
function filterPhrasing(block, check, removed) {
    const leaves = [];
    const text = flatten(block, leaves);
    const ranges = [];
    for (const segment of segmenter.segment(text)) {
        const sentence = segment.segment.trim();
        if (sentence === '')
            continue;
        const reason = sentence.includes(LINK_REMOVED) ? _reasons_js__WEBPACK_IMPORTED_MODULE_0__/* .LINK_REASON */ .Y : check(sentence);
        if (reason === null)
            continue;
        removed.push({ sentence, reason });
        ranges.push([segment.index, segment.index + segment.segment.length]);
    }
    for (const [start, end] of ranges.reverse())
        removeRange(leaves, start, end);
    prune(block);
    trimEdges(block);
    return plainText(block).trim() !== '';
}
/** Concatenates the phrasing text of a block and records where each leaf sits in it. */
function flatten(parent, leaves, offset = { value: 0 }, parts = []) {
    for (const child of parent.children) {
        if (child.type === 'text' || child.type === 'inlineCode') {
            leaves.push({ node: child, parent, start: offset.value, end: offset.value + child.value.length });
            offset.value += child.value.length;
            parts.push(child.value);
        }
        else if (child.type === 'break') {
            leaves.push({ node: child, parent, start: offset.value, end: offset.value + 1 });
            offset.value += 1;
            parts.push('\n');
        }
        else if ('children' in child) {
            flatten(child, leaves, offset, parts);
        }
    }
    return parts.join('');
}
function removeRange(leaves, start, end) {
    for (const leaf of leaves) {
        if (leaf.end <= start || leaf.start >= end)
            continue;
        const node = leaf.node;
        if (node.type === 'text' || node.type === 'inlineCode') {
            const from = Math.max(0, start - leaf.start);
            const to = Math.min(node.value.length, end - leaf.start);
            node.value = node.value.slice(0, from) + node.value.slice(to);
        }
        else {
            leaf.parent.children = leaf.parent.children.filter(child => child !== node);
        }
    }
}
/** Removes empty text and empty inline containers left by sentence removal. */
function prune(parent) {
    const kept = [];
    for (const child of parent.children) {
        if ((child.type === 'text' || child.type === 'inlineCode') && child.value === '')
            continue;
        if ('children' in child && !['tableCell', 'tableRow'].includes(child.type)) {
            prune(child);
            if (child.children.length === 0)
                continue;
        }
        kept.push(child);
    }
    parent.children = kept;
}
function trimEdges(block) {
    const texts = [];
    (0,unist_util_visit__WEBPACK_IMPORTED_MODULE_6__/* .visit */ .YR)(block, 'text', (node) => {
        texts.push(node);
    });
    if (texts.length === 0)
        return;
    texts[0].value = texts[0].value.trimStart();
    texts[texts.length - 1].value = texts[texts.length - 1].value.trimEnd();
}
/** Removes table rows with a rejected sentence in any cell; returns false when the header row goes. */
function filterTable(table, check, removed) {
    const rows = table.children.filter((row, index) => {
        const rejected = row.children.some(cell => {
            const text = plainText(cell);
            for (const segment of segmenter.segment(text)) {
                const sentence = segment.segment.trim();
                const reason = sentence === '' ? null : check(sentence);
                if (reason !== null) {
                    removed.push({ sentence: row.children.map(plainText).join(' | '), reason });
                    return true;
                }
            }
            return false;
        });
        if (rejected && index === 0)
            return false;
        return !rejected;
    });
    if (rows.length === 0 || rows[0] !== table.children[0])
        return false;
    table.children = rows;
    return rows.length > 1;
}
/** Removes code lines with a rejected statement; returns false when nothing is left. */
function filterCode(code, check, removed) {
    const lines = code.value.split('\n').filter(line => {
        const reason = line.trim() === '' ? null : check(line.trim());
        if (reason !== null)
            removed.push({ sentence: line.trim(), reason });
        return reason === null;
    });
    code.value = lines.join('\n');
    return code.value.trim() !== '';
}
/**
 * Merges adjacent text nodes and collapses the double spaces and edge spaces that
 * removed nodes leave behind (serialised, an edge space would become `&#x20;`).
 */
function tidyText(tree) {
    (0,unist_util_visit__WEBPACK_IMPORTED_MODULE_6__/* .visit */ .YR)(tree, node => {
        if (!('children' in node))
            return;
        const parent = node;
        const merged = [];
        for (const child of parent.children) {
            const previous = merged.at(-1);
            if (child.type === 'text' && previous?.type === 'text')
                previous.value += child.value;
            else
                merged.push(child);
        }
        for (const child of merged)
            if (child.type === 'text')
                child.value = child.value.replace(/ {2,}/g, ' ');
        parent.children = merged.filter(child => child.type !== 'text' || child.value !== '');
        if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell')
            trimEdges(parent);
    });
}
// `@user`, `@org/team`, `owner/repo#12`, `owner/repo@sha`, `#12` and `GH-12` notify people or link other threads on GitHub.
const REFERENCE = /(?<![\p{L}\p{N}_`.\/@-])@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?)?|(?<![\p{L}\p{N}_.\/-])[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+(?:#\d+|@[0-9a-f]{7,40})\b|(?<![\p{L}\p{N}_&\/#])#\d+\b|\bGH-\d+\b/gu;
/** Puts mentions and cross-references into inline code, where GitHub does not resolve them. */
function neutraliseReferences(tree) {
    (0,unist_util_visit__WEBPACK_IMPORTED_MODULE_6__/* .visit */ .YR)(tree, 'text', (node, index, parent) => {
        if (parent === undefined || index === undefined)
            return;
        const pieces = [];
        let last = 0;
        for (const match of node.value.matchAll(REFERENCE)) {
            if (match.index > last)
                pieces.push({ type: 'text', value: node.value.slice(last, match.index) });
            pieces.push({ type: 'inlineCode', value: match[0] });
            last = match.index + match[0].length;
        }
        if (pieces.length === 0)
            return;
        if (last < node.value.length)
            pieces.push({ type: 'text', value: node.value.slice(last) });
        parent.children.splice(index, 1, ...pieces);
        return index + pieces.length;
    });
}
function demoteHeadings(tree, topDepth) {
    const headings = [];
    (0,unist_util_visit__WEBPACK_IMPORTED_MODULE_6__/* .visit */ .YR)(tree, 'heading', (node) => {
        headings.push(node);
    });
    if (headings.length === 0)
        return;
    const shift = topDepth - Math.min(...headings.map(heading => heading.depth));
    for (const heading of headings) {
        heading.depth = Math.min(6, Math.max(topDepth, heading.depth + shift));
    }
}
function plainText(node) {
    if (node.type === 'text' || node.type === 'inlineCode')
        return node.value;
    if (node.type === 'break')
        return '\n';
    if ('children' in node)
        return node.children.map(plainText).join('');
    return '';
}


/***/ })

};
