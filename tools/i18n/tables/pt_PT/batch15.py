"""batch15: a full disk that may be that of SQLite's temporary folder."""

T = {
    "a disk is full: the workspace's, or that of the temporary folder {folder}": "um disco está cheio: o do espaço de trabalho ou o da pasta temporária {folder}",
    "free some space (or set SQLITE_TMPDIR to a folder on a larger disk) and try again": "liberte algum espaço (ou defina SQLITE_TMPDIR para uma pasta num disco maior) e tente de novo",
}
