// Operational log: channel names, error codes and timings only. Never payloads or rows: the data
// is about people who can be deported or prosecuted if identified.
export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, event: string, fields?: Record<string, string | number | boolean>) => void;

export const consoleLogger: Logger = (level, event, fields) => {
  const line = `[${new Date().toISOString()}] ${level} ${event}${fields ? ' ' + JSON.stringify(fields) : ''}`;
  (level === 'error' ? console.error : console.log)(line);
};

export const silentLogger: Logger = () => {};
