import sys

from egovnb.cli import main

sys.exit(main())
