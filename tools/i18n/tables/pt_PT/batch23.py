"""batch23: files written into links, devices and pipes; the report's --language checked."""

T = {
    "--language {value} is not a language; write a locale such as pt_PT, pt_BR, en_GB or en_US.": (
        "--language {value} não é uma língua; indique uma região como pt_PT, pt_BR, en_GB ou en_US."
    ),
    "Cannot write {path} ({reason}).": "Não é possível escrever {path} ({reason}).",
    "the CSV file to write (/dev/stdout: to a pipe)": (
        "o ficheiro CSV a escrever (/dev/stdout: para um pipe)"
    ),
}
