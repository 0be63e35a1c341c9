// A data file's name without its extension, as models are named after it and Compare's filter
// matches it (data=iris): iris.csv and iris.csv.gz are both "iris". Pure text: the pages use it too.

export function dataFileStem(name: string): string {
  return name.replace(/\.gz$/i, '').replace(/\.[^.]*$/, '');
}
