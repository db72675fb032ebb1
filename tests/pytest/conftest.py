import sys
from pathlib import Path

# The scenarios import the helper module beside them and the project's own package.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
