const MB = 1024 * 1024;

/**
 * Extensions that mark a file as not a native executable even when its x bit is set (package managers
 * and archives often leave docs, scripts and data executable). Go and Rust binaries rarely carry an
 * extension, so this list only skips reads, it never hides a binary that says what it is (.exe, .bin).
 */
const NOT_BINARY = new RegExp(
  '\\.(' +
    [
      'sh', 'bash', 'zsh', 'csh', 'fish', 'py', 'pyc', 'pyo', 'pyi', 'pl', 'pm', 'pod', 'rb', 'erb', 'js', 'mjs', 'cjs', 'ts', 'map', 'php', 'lua', 'tcl', 'el', 'vim', 'ps1', 'bat', 'cmd',
      'txt', 'md', 'rst', 'html?', 'xml', 'json', 'ya?ml', 'toml', 'ini', 'cfg', 'conf', 'properties', 'csv', 'log', 'lock',
      'css', 'svg', 'png', 'jpe?g', 'gif', 'ico', 'ttf', 'woff2?', 'pdf',
      'so(\\.\\d+)*', 'a', 'o', 'la', 'h', 'hpp', 'c', 'cc', 'cpp', 'go', 'rs', 'java', 'class', 'jar', 'war',
      'gz', 'tgz', 'bz2', 'xz', 'zst', 'zip', 'whl', 'egg', 'tar', 'deb', 'rpm', 'apk',
      'pem', 'crt', 'key', 'pub', 'service', 'desktop', 'mk', 'cmake', 'pc', 'm4', 'in', 'am', 'tmpl', 'tpl', 'j2',
    ].join('|') +
    ')$',
  'i',
);
/** Trees that hold no programs in any distribution we know. */
const NOT_BINARY_TREE = /(^|\/)(usr\/share|usr\/include|etc|var\/lib\/(dpkg|apk|rpm)|proc|sys|dev)\//;

/** Whether a file may be a Go/Rust binary, from path, size and mode alone (the walk has not read it yet). */
export function isCandidateExecutable(path: string, size: number, mode: number): boolean {
  if (!(mode & 0o111) || size < 64 || size > 512 * MB) return false;
  return !NOT_BINARY.test(path) && !NOT_BINARY_TREE.test(path);
}
