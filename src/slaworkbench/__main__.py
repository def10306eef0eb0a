import sys

from slaworkbench.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
