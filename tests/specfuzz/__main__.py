import sys

from tests.specfuzz.run import main

sys.exit(main())
