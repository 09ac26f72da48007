"""``python -m digibridge.scheduling [schedule] --instance FILE.json ...``"""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
