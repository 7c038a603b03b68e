"""Entry script of the frozen app: the same ``main`` as the ``briefgen`` console script.

Run without arguments it opens the window; ``briefgen build ...`` works headless, as from a checkout.
"""

import multiprocessing
import sys

from briefgen.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen Windows build would otherwise re-run main in workers
    sys.exit(main())
