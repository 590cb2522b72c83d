/**
 * Reads the cells of one metric column into samples in the metric's display unit,
 * and keeps what the column's values showed: numbers, text, units and decimal marks.
 */
import type { CellValue } from '../collect/types.js'
import type { MetricColumn } from './columns.js'
import { DecimalMarkTracker, readCell, readPlainNumber } from './numbers.js'
import { SampleAccumulator, type SampleBudget } from './sample-accumulator.js'
import type { MetricKind } from './types.js'
import { kindOfUnit, resolveUnit } from './units.js'

/** Samples of one series in one metric column. */
export class SeriesSamples {
  readonly accumulator: SampleAccumulator
  /** Kept-sample indices whose value differs when the column uses decimal commas, and that value. */
  private readonly alternateIndex: number[] = []
  private readonly alternateValue: number[] = []
  droppedNonFinite = 0
  /** Latency values without a unit, left out because they cannot be converted to ms. */
  unitless = 0
  /** Latency values of exactly 0 in rows whose timed phase has no data, left out as not applicable. */
  notApplicable = 0
  /** Latency samples of exactly 0 that were kept, and the line of the first. */
  zeroes = 0
  firstZeroLine = 0
  /** 1-based line of the first row that gave a sample; 0 when none did. */
  firstLine = 0
  /** Value of the latest sample, in the display unit. */
  lastValue = Number.NaN

  constructor(sampleLimit: number, budget: SampleBudget) {
    this.accumulator = new SampleAccumulator(sampleLimit, budget)
  }

  add(value: number, commaValue: number | null, line: number): void {
    if (commaValue === null) {
      this.accumulator.push(value)
    } else {
      const index = this.accumulator.storedCount
      this.accumulator.push(value)
      if (this.accumulator.storedCount > index) {
        this.alternateIndex.push(index)
        this.alternateValue.push(commaValue)
      }
    }
    this.lastValue = value
    if (this.firstLine === 0) this.firstLine = line
  }

  noteZero(line: number): void {
    this.zeroes++
    if (this.firstZeroLine === 0) this.firstZeroLine = line
  }

  /** Rereads the ambiguous values (`1.234`, `1,234`) as written with decimal commas. */
  useDecimalCommas(): void {
    for (let i = 0; i < this.alternateIndex.length; i++) this.accumulator.replace(this.alternateIndex[i], this.alternateValue[i])
  }

  /** Appends `later`, whose rows all come after this one's in the file. */
  append(later: SeriesSamples): void {
    const offset = this.accumulator.storedCount
    this.accumulator.append(later.accumulator)
    for (let i = 0; i < later.alternateIndex.length; i++) {
      this.alternateIndex.push(later.alternateIndex[i] + offset)
      this.alternateValue.push(later.alternateValue[i])
    }
    this.droppedNonFinite += later.droppedNonFinite
    this.unitless += later.unitless
    this.notApplicable += later.notApplicable
    this.zeroes += later.zeroes
    if (this.firstZeroLine === 0) this.firstZeroLine = later.firstZeroLine
    if (this.firstLine === 0) this.firstLine = later.firstLine
  }
}

/** A value found where a number was expected, for the warning. */
interface Sighting {
  line: number
  text: string
}

/** One metric column of a table and what its values showed across all rows. */
export class MetricColumnReader {
  kind: MetricKind
  /** Display unit once known: `ms` for latency, `tokens/s` for a rate, `GB`, `%`. */
  displayUnit: string | null
  /** Unit as found in the name, units row or first cell. */
  sourceUnit: string | null
  readonly marks = new DecimalMarkTracker()
  numbers = 0
  nonFinite = 0
  dates = 0
  invalid = 0
  firstInvalid: Sighting | null = null
  /** True once a number without a unit was read; a later unit then cannot set the display unit. */
  private sawUnitless = false

  constructor(
    readonly index: number,
    readonly name: string,
    readonly column: MetricColumn
  ) {
    this.kind = column.kind
    this.sourceUnit = column.unitText
    this.displayUnit = column.kind === 'latency' ? 'ms' : (column.unit?.display ?? null)
    if (this.displayUnit === null && column.unitText !== null && column.kind !== 'throughput') this.displayUnit = column.unitText
  }

  /** Unknown names are metrics only when every value is a number, so identifiers stay text. */
  get strict(): boolean {
    return !this.column.recognised
  }

  /**
   * Reads one cell and adds its sample, in the display unit, to `target`. Cells of
   * failed rows are read too, because they show the column's format, but with a null
   * `target` they add no sample.
   */
  read(cell: CellValue, line: number, target: SeriesSamples | null): void {
    // Kept small so that the caller's loop can inline it, because most cells take the first branch.
    const plain = typeof cell === 'string' ? readPlainNumber(cell) : Number.NaN
    if (!Number.isNaN(plain)) this.readPlain(plain, cell as string, line, target)
    else this.readOther(cell, line, target)
  }

  /** Reads a cell that is no plain decimal: units, other number formats, text or a JSON value. */
  private readOther(cell: CellValue, line: number, target: SeriesSamples | null): void {
    const reading = readCell(cell, this.strict)
    switch (reading.type) {
      case 'missing':
        return
      case 'non-finite':
        this.nonFinite++
        if (target !== null) target.droppedNonFinite++
        return
      case 'date':
        this.dates++
        return
      case 'invalid':
        this.noteInvalid(line, reading.text)
        return
    }

    const cellUnit = reading.unit === null ? null : resolveUnit(reading.unit)
    if (reading.unit !== null && cellUnit === null) {
      this.noteInvalid(line, reading.text)
      return
    }
    if (cellUnit !== null && this.numbers === 0 && this.kind === 'other' && this.column.aggregate === null) {
      // A column of unknown name whose values carry units (`354.41 ms`) takes its kind from them.
      this.kind = kindOfUnit(cellUnit)
      if (this.kind === 'latency') this.displayUnit = 'ms'
    }

    let factor = 1
    if (this.kind === 'latency') {
      const unit = cellUnit ?? this.column.unit
      if (unit === null) {
        this.numbers++
        this.sawUnitless = true
        this.marks.observe(reading, line)
        if (target !== null) target.unitless++
        return
      }
      if (unit.kind !== 'time') {
        this.noteInvalid(line, reading.text)
        return
      }
      factor = unit.factor
      this.sourceUnit ??= reading.unit
    } else if (cellUnit !== null) {
      const expected = this.kind === 'throughput' ? 'rate' : null
      if ((expected !== null && cellUnit.kind !== expected) || !this.acceptDisplayUnit(cellUnit.display)) {
        this.noteInvalid(line, reading.text)
        return
      }
      factor = cellUnit.factor
      this.sourceUnit ??= reading.unit
    } else {
      if (this.kind === 'throughput' && this.column.unit !== null) factor = this.column.unit.factor
      this.sawUnitless = true
    }

    const value = reading.value * factor
    const commaValue = reading.commaValue === null ? null : reading.commaValue * factor
    if (!Number.isFinite(value) || (commaValue !== null && !Number.isFinite(commaValue))) {
      // A finite value can overflow on conversion, such as 1e306 s to ms.
      this.nonFinite++
      if (target !== null) target.droppedNonFinite++
      return
    }

    this.numbers++
    this.marks.observe(reading, line)
    if (target === null) return
    target.add(value, commaValue, line)
  }

  /**
   * Adds a plain decimal without a unit (see `readPlainNumber`): the same steps as
   * `read` takes for such a cell, without building a `CellReading`.
   */
  private readPlain(parsed: number, text: string, line: number, target: SeriesSamples | null): void {
    if (!Number.isFinite(parsed)) {
      // A 400-digit integer parses to Infinity.
      this.nonFinite++
      if (target !== null) target.droppedNonFinite++
      return
    }
    let factor = 1
    if (this.kind === 'latency') {
      const unit = this.column.unit
      if (unit === null) {
        this.numbers++
        this.sawUnitless = true
        this.observePlain(text, line)
        if (target !== null) target.unitless++
        return
      }
      if (unit.kind !== 'time') {
        this.noteInvalid(line, text)
        return
      }
      factor = unit.factor
    } else {
      if (this.kind === 'throughput' && this.column.unit !== null) factor = this.column.unit.factor
      this.sawUnitless = true
    }

    const value = parsed * factor
    // A finite value can overflow on conversion, such as 1e306 s to ms.
    if (!Number.isFinite(value)) {
      this.nonFinite++
      if (target !== null) target.droppedNonFinite++
      return
    }
    this.numbers++
    this.observePlain(text, line)
    if (target !== null) target.add(value, null, line)
  }

  private observePlain(text: string, line: number): void {
    if (!this.marks.hasPoint && text.includes('.')) this.marks.observePoint(text, line)
  }

  private acceptDisplayUnit(display: string): boolean {
    if (this.displayUnit === null) {
      if (this.sawUnitless) return false
      this.displayUnit = display
      return true
    }
    return this.displayUnit === display
  }

  private noteInvalid(line: number, text: string): void {
    this.invalid++
    this.firstInvalid ??= { line, text: text.length > 60 ? `${text.slice(0, 57)}...` : text }
  }
}
