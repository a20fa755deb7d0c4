"use client";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export interface CredentialFieldSpec<Key extends string> {
  key: Key;
  label: string;
  placeholder: string;
  hint?: string;
}

/** An auth type's credential inputs, one labelled field per key of its form text, each with its error from `config.auth.<key>`. */
export function CredentialFields<Key extends string>({
  idPrefix,
  fields,
  value,
  onChange,
  error,
  className,
}: {
  idPrefix: string;
  fields: CredentialFieldSpec<Key>[];
  value: Record<Key, string>;
  onChange: (next: Record<Key, string>) => void;
  error: (path: string) => string | undefined;
  className?: string;
}) {
  return (
    <div className={className}>
      {fields.map(({ key, label, placeholder, hint }) => {
        const id = `${idPrefix}-${key}`;
        const message = error(`config.auth.${key}`);
        return (
          <Field key={key} id={id} label={label} error={message} hint={hint}>
            <Input
              {...describedBy(id, message)}
              value={value[key]}
              onChange={(e) => onChange({ ...value, [key]: e.target.value })}
              placeholder={placeholder}
              className="font-mono text-xs"
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
        );
      })}
    </div>
  );
}
