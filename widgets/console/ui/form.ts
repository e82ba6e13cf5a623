/** A form's fields as text: what a submit handler reads. */
export function formText(event: SubmitEvent): (name: string) => string {
  event.preventDefault();
  const data = new FormData(event.target as HTMLFormElement);
  return (name) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : '';
  };
}
