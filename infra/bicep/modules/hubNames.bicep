metadata description = 'Names the application code relies on (see src/config.ts): containers, queue and table of the data lake account.'

@export()
@description('Blob containers of the data lake account.')
var hubContainers = {
  exports: 'msexports'
  ingestion: 'ingestion'
  config: 'config'
  deadLetter: 'eventgrid-deadletter'
}

@export()
@description('Queue that fans export parts out to the transform function.')
var hubPartsQueue = 'hub-parts'

@export()
@description('Table that holds run state.')
var hubRunsTable = 'hubruns'
