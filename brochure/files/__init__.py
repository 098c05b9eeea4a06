"""Files: paths inside a project, YAML read with every node's place, images and SVGs judged before
anything draws them, where layouts and brochure's own data live, its icons, atomic output, and the
cache of what can be made again from a file. The lowest stage: it imports nothing of brochure but errors."""
