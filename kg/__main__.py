"""``python -m kg`` works like ``jiyao``."""

import sys

from .cli import main

sys.exit(main())
