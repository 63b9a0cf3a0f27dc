#!/usr/bin/env python3
"""Checks that NormLab's source tree keeps its architecture (docs/architecture.md):

- layers: each folder includes only what its layer may use (no torch or OpenCV outside the
  engine, the GUI and the applications only through the engine's public API, ...);
- no #include cycle among the engine's files, among the GUI's files or the applications' files
  (a class split over several .cpp files, such as MainWindow*.cpp, counts as one);
- sizes: no C++ file over MAX_FILE_LINES lines, no function over MAX_FUNCTION_LINES lines;
- with a build folder: no GUI or application file is compiled with a LibTorch include path, and
  the window application does not link the command line's library.

Prints every finding and exits 1 when there is one.
Usage: check-architecture.py [ROOT] [--build BUILD_DIR]
"""
import json
import os
import re
import sys

MAX_FILE_LINES = 450
MAX_FUNCTION_LINES = 60

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)

# Which include roots each folder may use ("" = its own root). Roots are the prefixes of the
# quoted includes: normlab/ is the engine's public API; data/, model/, training/, experiments/,
# io/ are the engine's inside; the GUI's folders and the applications' folders are their own.
ENGINE_INSIDE = ['data', 'model', 'training', 'experiments', 'io', 'distributed']
# The GUI's folders from the top down: each may include only the folders after it (and the
# engine's public API), so the folders themselves form no cycle.
GUI_FOLDERS = ['window', 'images', 'plots', 'forms', 'export', 'project', 'session', 'tables']
RULES = {
    # folder: (allowed quoted include prefixes, forbidden system include prefixes)
    'core/include': (['normlab'], ['torch', 'ATen', 'c10', 'opencv2', 'QtWidgets', 'QWidget']),
    'core': (['normlab'] + ENGINE_INSIDE,
             ['QtWidgets', 'QWidget', 'QApplication', 'QSql', 'QtNetwork', 'QNetwork', 'archive']),
    # Datasets over the network (normlab_download): Qt Network and libarchive, never the engine's
    # inside; the engine does not include it.
    'core/download': (['normlab', 'download'], ['torch', 'ATen', 'c10', 'opencv2', 'QtWidgets',
                                                'QWidget']),
    'ui': (['normlab', 'download'] + GUI_FOLDERS, ['torch', 'ATen', 'c10', 'opencv2']),
    'app/gui': (['normlab', 'gui'] + GUI_FOLDERS, ['torch', 'ATen', 'c10', 'opencv2']),
    'app/cli': (['normlab', 'cli', 'download'], ['torch', 'ATen', 'c10', 'opencv2', 'QtWidgets', 'QWidget']),
}
# The include graphs searched for cycles, each with the roots its quoted includes resolve in.
GRAPHS = {
    'engine': ('core', ['core/include', 'core', 'core/download/include']),
    'GUI': ('ui', ['ui']),
    'applications': ('app', ['app']),
}


def sources(root, folder):
    for base, _, files in os.walk(os.path.join(root, folder)):
        for name in sorted(files):
            if name.endswith(('.h', '.cpp')):
                yield os.path.relpath(os.path.join(base, name), root)


def includes(path, root):
    with open(os.path.join(root, path), encoding='utf-8') as f:
        return INCLUDE.findall(f.read())


def rule_for(path):
    best = None
    for folder in RULES:
        if path.startswith(folder + '/') and (best is None or len(folder) > len(best)):
            best = folder
    return best


def check_gui_order(path, target):
    """A GUI file may include its own folder or a folder below it in GUI_FOLDERS."""
    here, there = path.split('/')[1], target.split('/')[0]
    if here not in GUI_FOLDERS or there not in GUI_FOLDERS or here == there:
        return None
    if GUI_FOLDERS.index(there) < GUI_FOLDERS.index(here):
        return f'{path}: includes "{target}": ui/{here}/ sits below ui/{there}/'
    return None


def check_layers(root):
    findings = []
    for top in ('core', 'ui', 'app'):
        for path in sources(root, top):
            folder = rule_for(path)
            if folder is None:
                continue
            allowed, forbidden = RULES[folder]
            for kind, target in includes(path, root):
                head = target.split('/')[0]
                if kind == '"' and '/' in target and head not in allowed:
                    findings.append(f'{path}: includes "{target}": {folder}/ may not use {head}/')
                if kind == '<' and any(target.startswith(p) for p in forbidden):
                    findings.append(f'{path}: includes <{target}>: not allowed in {folder}/')
                if kind == '"' and folder == 'ui':
                    upward = check_gui_order(path, target)
                    if upward:
                        findings.append(upward)
    return findings


def module_of(path):
    """A header and its .cpp files are one module; Foo*.cpp without a header of its own
    belongs to Foo (MainWindowActions.cpp is MainWindow)."""
    folder, name = os.path.split(path)
    stem = os.path.splitext(name)[0]
    siblings = {os.path.splitext(n)[0] for n in os.listdir(folder) if n.endswith('.h')}
    if stem in siblings or not name.endswith('.cpp'):
        return os.path.join(folder, stem)
    owners = [s for s in siblings if stem.startswith(s)]
    return os.path.join(folder, max(owners, key=len)) if owners else os.path.join(folder, stem)


def strongly_connected(graph):
    """Tarjan's algorithm; returns the components with more than one node or a self-loop."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def check_cycles(root):
    findings = []
    for name, (top, roots) in GRAPHS.items():
        graph = {}
        for path in sources(root, top):
            here = module_of(os.path.join(root, path))
            edges = graph.setdefault(here, set())
            for kind, target in includes(path, root):
                if kind != '"':
                    continue
                candidates = [os.path.join(root, r, target) for r in roots]
                candidates.append(os.path.join(root, os.path.dirname(path), target))
                for candidate in candidates:
                    if os.path.exists(candidate):
                        there = module_of(os.path.normpath(candidate))
                        if there != here:
                            edges.add(there)
                        break
        for component in strongly_connected(graph):
            names = ' -> '.join(os.path.relpath(c, root) for c in component)
            findings.append(f'include cycle in the {name}: {names}')
    return findings


def strip_code(text):
    """Blanks comments, string and character literals, keeping the line breaks."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append('\n' * text.count('\n', i, j))
            i = j
        elif c == 'R' and text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(')' + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append('""' + '\n' * text.count('\n', i, j))
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def long_functions(path, text):
    """Function bodies longer than the limit: blocks opened at namespace or class scope after a
    parameter list, counted from the signature's first line to the closing brace."""
    code = strip_code(text)
    lines = text.split('\n')
    findings = []
    scopes = []  # one per open brace: None (namespace, class, initializer) or a body's start line
    line = 0
    for pos, c in enumerate(code):
        if c == '\n':
            line += 1
        elif c == '{':
            in_function = any(s is not None for s in scopes)
            cut = max(code.rfind(';', 0, pos), code.rfind('}', 0, pos), code.rfind('{', 0, pos))
            head = '\n'.join(l for l in code[cut + 1:pos].split('\n')
                             if not l.lstrip().startswith('#'))
            is_function = (not in_function and ')' in head and '=' not in head.split(')')[-1]
                           and not re.search(r'\b(namespace|class|struct|union|enum)\b[^()]*$',
                                             head))
            if is_function:
                signature = head.lstrip()
                scopes.append(line - signature.count('\n') if signature else line)
            else:
                scopes.append(None)
        elif c == '}' and scopes:
            start = scopes.pop()
            if start is not None and line - start + 1 > MAX_FUNCTION_LINES:
                findings.append(f'{path}:{start + 1}: function of {line - start + 1} lines '
                                f'(over {MAX_FUNCTION_LINES}): {lines[start].strip()[:70]}')
    return findings


def check_sizes(root):
    findings = []
    for top in ('core', 'ui', 'app', 'tests'):
        for path in sources(root, top):
            with open(os.path.join(root, path), encoding='utf-8') as f:
                text = f.read()
            count = text.count('\n')
            if count > MAX_FILE_LINES:
                findings.append(f'{path}: {count} lines (over {MAX_FILE_LINES})')
            findings += long_functions(path, text)
    return findings


def check_build(root, build):
    """The compile flags and link lines CMake generated, as the build uses them."""
    findings = []
    with open(os.path.join(build, 'compile_commands.json'), encoding='utf-8') as f:
        commands = json.load(f)
    for entry in commands:
        path = os.path.relpath(entry['file'], root)
        if path.startswith(('ui/', 'app/')) and re.search(r'-I\S*torch', entry['command']):
            findings.append(f'{path}: compiled with a LibTorch include path')
    with open(os.path.join(build, 'build.ninja'), encoding='utf-8') as f:
        ninja = f.read()
    gui_link = re.search(r'^build app/normlab: .*$', ninja, re.M)
    if gui_link is None:
        findings.append('build.ninja: no link step for app/normlab')
    elif 'normlab_cli' in gui_link.group(0):
        findings.append('app/normlab links the command line library normlab_cli')
    return findings


def main():
    args = sys.argv[1:]
    build = None
    if '--build' in args:
        at = args.index('--build')
        build = os.path.abspath(args[at + 1])
        del args[at:at + 2]
    root = os.path.abspath(args[0] if args else os.path.join(os.path.dirname(__file__), '..'))
    findings = check_layers(root) + check_cycles(root) + check_sizes(root)
    if build:
        findings += check_build(root, build)
    for finding in findings:
        print(finding)
    print(f'check-architecture: {len(findings)} finding(s)')
    return 1 if findings else 0


if __name__ == '__main__':
    sys.exit(main())
